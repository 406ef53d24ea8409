using System.Globalization;
using DataScrub.Analysis.Batches;
using DataScrub.Checks.Labels;
using DataScrub.Findings;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Labels;

/// <summary>
/// Predicts the 0/0s of batch-frequency-normalised losses from the class counts and the batch sizes:
/// <c>class-absent</c>, <c>class-rare</c>, <c>batch-class-miss</c> (shuffled batches, exact hypergeometric
/// mathematics in <see cref="ShuffledBatchMath"/>) and <c>unshuffled-order</c> (Caffe's unshuffled
/// Data/HDF5Data layers read consecutive windows; counted exactly in one streaming pass).
/// Only labels in [0, K) take part; the others are <c>label-out-of-range</c> findings.
/// </summary>
/// <param name="knownClasses">K before the scan: given, or the number of class folders.</param>
/// <param name="given">True when K was given with <c>--num-classes</c> (not inferred).</param>
public sealed class ClassBalanceAnalysis(AnalysisOptions options, long? knownClasses, bool given) : IDatasetAnalysis
{
    /// <summary>Storage-order batches miss classes "far more often than shuffling would" beyond this many standard deviations.</summary>
    public const double UnshuffledSigmas = 4;

    // A hash map while scanning (one lookup per sample); sorted once at the end.
    private readonly Dictionary<long, long> _observed = new();
    private readonly StorageOrderBatches _storageOrder = new(options.BatchSizes.Distinct().Order().ToArray());
    private long _labelled;

    /// <summary>The report section, after <see cref="Complete"/>; null when no sample had a label.</summary>
    public ClassBalanceReport? Report { get; private set; }

    public void Observe(long sampleIndex, in SampleSummary summary)
    {
        if (summary.Label is { } label && LabelCheck.InRange(label, knownClasses))
        {
            _observed[label] = _observed.TryGetValue(label, out var n) ? n + 1 : 1;
            _labelled++;
            _storageOrder.Observe(label);
        }
        else
        {
            // An unlabelled sample still takes a slot in a storage-order batch.
            _storageOrder.Observe(null);
        }
    }

    public IEnumerable<Finding> Complete()
    {
        if (_labelled == 0) return [];
        var findings = new List<Finding>();
        var inv = CultureInfo.InvariantCulture;
        var counted = new SortedDictionary<long, long>(_observed);
        var k = knownClasses ?? counted.Keys.Max() + 1;
        var absent = new List<long>();
        for (long c = 0; c < k; c++)
            if (!counted.ContainsKey(c)) absent.Add(c);
        foreach (var c in absent)
            findings.Add(new Finding(FindingKinds.ClassAbsent, null, null, null, 0, null,
                $"class {c} of {k} has no sample: any per-class normalisation divides by 0") { Class = c });

        var counts = counted.Values.ToArray();
        var total = _labelled;
        var batchSizes = options.BatchSizes.Distinct().Order().ToArray();
        var smallest = batchSizes[0];
        foreach (var (c, n) in counted)
        {
            var miss = ShuffledBatchMath.ClassAbsentProbability(total, n, smallest);
            if (miss < 0.5) continue;
            findings.Add(new Finding(FindingKinds.ClassRare, null, null, null, n, null, string.Create(inv,
                $"class {c}: {n} of {total} samples ({(double)n / total:P3}); absent from a shuffled batch of {smallest} with probability {miss:0.####}"))
            { Class = c, BatchSize = smallest, Fraction = (double)n / total, Probability = miss });
        }

        var shuffled = ShuffledBatchMath.AnyClassMissProbabilities(counts, batchSizes);
        var storage = _storageOrder.Complete(counts.Length);
        var recommendation = ShuffledBatchMath.RecommendedBatchSize(counts, options.MaxMissProbability);
        var batches = new List<BatchSizeReport>();
        for (var i = 0; i < batchSizes.Length; i++)
        {
            var b = batchSizes[i];
            var miss = shuffled[i];
            var perEpoch = Math.Ceiling((double)total / b);
            var expected = miss.Probability * perEpoch;
            var classMisses = counted.Select(p => (p.Key, P: ShuffledBatchMath.ClassAbsentProbability(total, p.Value, b)))
                .Where(p => p.P > options.MaxMissProbability).ToDictionary(p => p.Key, p => p.P);
            var order = storage[i];
            batches.Add(new BatchSizeReport(b, classMisses, miss.Probability, miss.Exact, miss.ErrorBound, expected,
                order.Batches, order.MissingBatches, recommendation?.BatchSize, recommendation?.Exact ?? false));

            if (miss.Probability > options.MaxMissProbability)
            {
                var bound = miss.Exact ? "" : string.Create(inv, $" (a bound: the exact value is at most {miss.ErrorBound:0.####} lower)");
                var advice = recommendation is { } r
                    ? string.Create(inv, $"; batch size {r.BatchSize}{(r.Exact ? "" : " (union bound: sufficient)")} brings it to {options.MaxMissProbability:0.#####} or less")
                    : "";
                findings.Add(new Finding(FindingKinds.BatchClassMiss, null, null, null, (long)Math.Round(expected), null, string.Create(inv,
                    $"a shuffled batch of {b} misses at least one of the {counts.Length} classes with probability {miss.Probability:0.######}{bound}: about {expected:0.#} of {perEpoch} batches per epoch{advice}"))
                { BatchSize = b, Probability = miss.Probability });
            }

            // Unshuffled, batches are fixed windows: flag when they miss classes far more often than shuffled ones would.
            var sigma = Math.Sqrt(order.Batches * miss.Probability * (1 - miss.Probability));
            var expectedMissing = order.Batches * miss.Probability;
            if (order.MissingBatches > 0 && order.MissingBatches > expectedMissing + UnshuffledSigmas * sigma + 1 && order.MissingBatches >= 2 * expectedMissing)
                findings.Add(new Finding(FindingKinds.UnshuffledOrder, null, null, null, order.MissingBatches, null, string.Create(inv,
                    $"{order.MissingBatches} of {order.Batches} batches of {b} in storage order miss at least one class (shuffled: {expectedMissing:0.#} expected); shuffle the data or the layer"))
                { BatchSize = b });
        }

        Report = new ClassBalanceReport
        {
            NumClasses = k,
            Inferred = !given,
            Warning = given ? null : FarLabelsWarning(counted),
            Labelled = total,
            Absent = absent,
            Batches = batches,
        };
        return findings;
    }

    /// <summary>
    /// An inferred K of max label + 1 is wrong when a few samples carry labels far above the rest (a
    /// sentinel such as 255 or 999, or a labelling slip): the largest gap between present labels is at
    /// least as wide as everything below it, and at most 1% of the samples lie above it.
    /// </summary>
    private string? FarLabelsWarning(SortedDictionary<long, long> counted)
    {
        if (knownClasses is not null || counted.Count < 2) return null;
        var labels = counted.Keys.ToArray();
        long gap = 0, below = 0;
        var at = -1;
        for (var i = 0; i + 1 < labels.Length; i++)
        {
            var g = labels[i + 1] - labels[i] - 1;
            if (g > gap) { gap = g; at = i; }
        }
        if (at < 0 || gap < Math.Max(10, labels[at] + 1)) return null;
        for (var i = 0; i <= at; i++) below += counted[labels[i]];
        var above = _labelled - below;
        if (above > _labelled / 100) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"K = {labels[^1] + 1} was inferred from the largest label, but {above} samples carry labels above {labels[at]} (up to {labels[^1]}) after a gap of {gap} unused labels: give --num-classes");
    }
}
