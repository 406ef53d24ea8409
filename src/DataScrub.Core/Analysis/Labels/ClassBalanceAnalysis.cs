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
/// Only labels in [0, K) other than the ignore label take part; the others are <c>label-out-of-range</c> findings.
/// </summary>
/// <remarks>
/// Severities follow what the finding rests on. When K is inferred (max label + 1), a class it calls absent may
/// not be a class at all (Caffe's own HDF5 example has labels 1..10), so <c>class-absent</c> is a warning; a few
/// labels far above a dense set (a sentinel such as 999, a slip) do not count towards K but are named as
/// <c>label-out-of-range</c> warnings. A batch missing a class only divides by zero when the loss normalises by
/// the batch's class frequencies (<see cref="LossKind.BatchNormalized"/>): then the batch findings are errors,
/// else <c>batch-class-miss</c> is a warning and <c>unshuffled-order</c> an error only when K is known.
/// </remarks>
/// <param name="knownClasses">K before the scan: given, or the number of class folders.</param>
/// <param name="given">True when K was given with <c>--num-classes</c> (not inferred).</param>
/// <param name="observed">Samples per label in [0, K) other than the ignore label (any label &gt;= 0 while K is not known).</param>
/// <param name="storageOrder">The storage-order windows of every sample, labelled in range or not.</param>
/// <param name="high">The samples of the highest labels, kept while K is not known.</param>
internal sealed class ClassBalanceAnalysis(AnalysisOptions options, long? knownClasses, bool given,
    IReadOnlyDictionary<long, long> observed, StorageOrderBatches storageOrder, HighLabelSamples high)
{
    /// <summary>Storage-order batches miss classes "far more often than shuffling would" beyond this many standard deviations.</summary>
    public const double UnshuffledSigmas = 4;

    /// <summary>Absent classes named one finding each; the rest are counted in one more.</summary>
    public const int AbsentNamed = 10_000;

    private readonly long _labelled = observed.Values.Sum();
    private readonly IReadOnlyDictionary<long, long> _observed = observed;
    private readonly StorageOrderBatches _storageOrder = storageOrder;
    private readonly HighLabelSamples _high = high;

    /// <summary>The report section, after <see cref="Complete"/>; null when no sample had a label.</summary>
    public ClassBalanceReport? Report { get; private set; }

    public IEnumerable<Finding> Complete()
    {
        if (_labelled == 0) return [];
        var findings = new List<Finding>();
        var inv = CultureInfo.InvariantCulture;
        var all = new SortedDictionary<long, long>(_observed.ToDictionary());
        var inference = knownClasses is null ? InferredClasses.From(all, _labelled) : null;
        var k = knownClasses ?? inference!.NumClasses;
        if (inference?.FarFloor is { } floor)
            findings.AddRange(FarLabelFindings(inference, floor, all));
        var counted = new SortedDictionary<long, long>(all.Where(p => p.Key < k).ToDictionary(p => p.Key, p => p.Value));
        var guessed = knownClasses is null;

        // Absent classes are the gaps between the classes present: counted by arithmetic, named one by one up to
        // AbsentNamed (a K of 10^12, given or inferred from one stray label, must not mean 10^12 findings).
        var absent = new List<long>();
        long absentCount = 0;
        var next = 0L;
        foreach (var present in counted.Keys.Append(k))
        {
            var gap = present - next - (options.IgnoreLabel is { } ignored && ignored >= next && ignored < present ? 1 : 0);
            absentCount += gap;
            for (var c = next; c < present && absent.Count < AbsentNamed; c++)
                if (c != options.IgnoreLabel) absent.Add(c);
            next = present + 1;
        }
        var severity = guessed ? Severity.Warning : Severity.Error;
        foreach (var c in absent)
            findings.Add(new Finding(FindingKinds.ClassAbsent, null, null, null, 0, null, guessed
                ? $"class {c} of {k} has no sample: any per-class normalisation divides by 0 (K = {k} was inferred as the largest label + 1: give --num-classes if {c} is not a class)"
                : $"class {c} of {k} has no sample: any per-class normalisation divides by 0")
            { Class = c, Severity = severity });
        if (absentCount > absent.Count)
            findings.Add(new Finding(FindingKinds.ClassAbsent, null, null, null, absentCount - absent.Count, null, string.Create(inv,
                $"{absentCount - absent.Count} more of the {k} classes have no sample (the first {AbsentNamed} absent are named one by one){(guessed ? $"; K = {k} was inferred as the largest label + 1: give --num-classes" : "")}"))
            { Severity = severity });

        var counts = counted.Values.ToArray();
        var total = counts.Sum();
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

        var batchNormalized = options.Loss == LossKind.BatchNormalized;
        var missSeverity = batchNormalized ? Severity.Error : Severity.Warning;
        var orderSeverity = batchNormalized || !guessed ? Severity.Error : Severity.Warning;
        var lossNote = batchNormalized ? "" : " (harmless to a loss averaged over samples; an error with --loss batch-normalized)";
        var shuffled = ShuffledBatchMath.AnyClassMissProbabilities(counts, batchSizes);
        // Far labels took slots in the storage-order windows as a class of their own: a window holding one of them
        // and missing a real class is not counted as missing (at most one window per far sample and batch size).
        var storage = _storageOrder.Complete(counts.Length);
        var coverage = _storageOrder.Coverage();
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
                order.Batches, order.MissingBatches, recommendation?.BatchSize, recommendation?.Exact ?? false)
            { StorageOrderCoverage = coverage[i] });

            if (miss.Probability > options.MaxMissProbability)
            {
                var bound = miss.Exact ? "" : string.Create(inv, $" (a bound: the exact value is at most {miss.ErrorBound:0.####} lower)");
                var advice = recommendation is { } r
                    ? string.Create(inv, $"; batch size {r.BatchSize}{(r.Exact ? "" : " (union bound: sufficient)")} brings it to {options.MaxMissProbability:0.#####} or less")
                    : "";
                findings.Add(new Finding(FindingKinds.BatchClassMiss, null, null, null, (long)Math.Round(expected), null, string.Create(inv,
                    $"a shuffled batch of {b} misses at least one of the {counts.Length} classes with probability {miss.Probability:0.######}{bound}: about {expected:0.#} of {perEpoch} batches per epoch{advice}{lossNote}"))
                { BatchSize = b, Probability = miss.Probability, Severity = missSeverity });
            }

            // Unshuffled, batches are fixed windows: flag when they miss classes far more often than shuffled ones would.
            var sigma = Math.Sqrt(order.Batches * miss.Probability * (1 - miss.Probability));
            var expectedMissing = order.Batches * miss.Probability;
            if (order.MissingBatches > 0 && order.MissingBatches > expectedMissing + UnshuffledSigmas * sigma + 1 && order.MissingBatches >= 2 * expectedMissing)
                findings.Add(new Finding(FindingKinds.UnshuffledOrder, null, null, null, order.MissingBatches, null, string.Create(inv,
                    $"{order.MissingBatches} of {order.Batches} batches of {b} in storage order miss at least one class (shuffled: {expectedMissing:0.#} expected); shuffle the data or the layer"))
                { BatchSize = b, Severity = orderSeverity });
        }

        Report = new ClassBalanceReport
        {
            NumClasses = k,
            Inferred = !given,
            NumClassesFrom = given ? "option" : knownClasses is not null ? "class-folders" : inference!.FarFloor is null ? "max-label" : "dense-labels",
            Warning = inference?.Warning,
            FarLabels = inference?.FarFloor is { } f ? [.. all.Keys.Where(l => l > f)] : [],
            Labelled = total,
            Absent = absent,
            AbsentCount = absentCount,
            Batches = batches,
        };
        return findings;
    }

    /// <summary>A <c>label-out-of-range</c> warning per sample whose label is above the dense set K was inferred
    /// from: a warning, because K is a guess (give <c>--num-classes</c> to make it an error, or a class).</summary>
    private IEnumerable<Finding> FarLabelFindings(InferredClasses inference, long floor, SortedDictionary<long, long> all)
    {
        var (samples, complete) = _high.Above(floor);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"far above the other labels: K = {inference.NumClasses} was inferred from labels up to {floor}, then {inference.Gap} unused labels; give --num-classes if it is a class");
        foreach (var (index, id, label) in samples)
            yield return new Finding(FindingKinds.LabelOutOfRange, index, id, "label", null, null, $"label {label} is {message}")
            { Severity = Severity.Warning };
        if (!complete)
        {
            var far = all.Where(p => p.Key > floor).Sum(p => p.Value);
            yield return new Finding(FindingKinds.LabelOutOfRange, null, null, "label", far - samples.Count, null, string.Create(CultureInfo.InvariantCulture,
                $"{far - samples.Count} more samples carry labels {message}; only the last {_high.Budget} of the highest labels are named (give --num-classes to name them all)"))
            { Severity = Severity.Warning };
        }
    }
}
