using System.Numerics.Tensors;

namespace DataScrub.Analysis.Batches;

/// <summary>
/// For a dataset with the given (positive) class counts: the probability that a uniformly random j-subset
/// holds at least one sample of every class, for every j = 0..maxSubsetSize in one pass.
/// </summary>
/// <remarks>
/// Dynamic programme over classes: g_c(j) = sum_t g_{c-1}(j - t) * h(t; N_c, n_c, j), h the hypergeometric pmf
/// of drawing t of class c's n_c samples in a j-subset of the first N_c samples. Every term is a product of
/// probabilities and every sum has positive terms only, so there is no cancellation; the only loss is the
/// final 1 - g in the caller (absolute error ~1e-15..1e-12, not relative).
/// Cost: about K * maxSubsetSize^2 / 2 exponentials, vectorised over j.
/// </remarks>
internal static class AllClassesPresentDistribution
{
    // Vectorised Exp drops to a scalar path ~40x slower for any argument below about -709, and x64 multiplies
    // slow down on subnormal results. So log h is floored at -600 (adds at most 1e-261 per term) and g values
    // below 1e-30 are flushed to 0; a change of d in g_{c-1} moves g_c by at most d (g_c is an average of g_{c-1}
    // weighted by a pmf), so the result moves by at most ~K * 1e-30. Every product then stays a normal number.
    private const double LogHypergeometricFloor = -600;
    private const double FlushBelow = 1e-30;

    public static double[] Compute(IReadOnlyList<long> sortedCounts, int maxSubsetSize)
    {
        var size = maxSubsetSize + 1;
        var previous = new double[size];
        var current = new double[size];
        var scratch = new double[size];
        if (sortedCounts.Count == 0)
        {
            previous[0] = 1; // the empty set trivially holds every one of zero classes
            return previous;
        }

        long previousTotal = sortedCounts[0];
        previous.AsSpan(1, (int)Math.Min(previousTotal, maxSubsetSize)).Fill(1);
        var logBinomialPrevious = LogBinomialRow.Build(previousTotal, maxSubsetSize);

        for (var c = 1; c < sortedCounts.Count; c++)
        {
            var classCount = sortedCounts[c];
            var total = previousTotal + classCount;
            var logBinomialTotal = LogBinomialRow.Build(total, maxSubsetSize);
            var maxDrawn = (int)Math.Min(classCount, maxSubsetSize);
            var logBinomialClass = LogBinomialRow.Build(classCount, maxDrawn);
            Array.Clear(current);

            // g_{c-1}(k) is zero for k < c (fewer samples than classes) and for k > N_{c-1}; restricting k to
            // that range also keeps every log-binomial finite, so no -inf - -inf NaN can appear.
            var kMin = c;
            for (var t = 1; t <= maxDrawn; t++)
            {
                var kMax = (int)Math.Min(maxSubsetSize - t, previousTotal);
                var length = kMax - kMin + 1;
                if (length <= 0)
                    continue;
                var logHyper = scratch.AsSpan(0, length);
                TensorPrimitives.Subtract(
                    logBinomialPrevious.AsSpan(kMin, length), logBinomialTotal.AsSpan(kMin + t, length), logHyper);
                TensorPrimitives.Add(logHyper, logBinomialClass[t], logHyper);
                TensorPrimitives.Max(logHyper, LogHypergeometricFloor, logHyper);
                TensorPrimitives.Exp(logHyper, logHyper);
                var target = current.AsSpan(kMin + t, length);
                TensorPrimitives.MultiplyAdd(logHyper, previous.AsSpan(kMin, length), target, target);
            }

            foreach (ref var value in current.AsSpan())
            {
                if (value < FlushBelow)
                    value = 0;
            }
            (previous, current) = (current, previous);
            previousTotal = total;
            logBinomialPrevious = logBinomialTotal;
        }
        return previous;
    }
}
