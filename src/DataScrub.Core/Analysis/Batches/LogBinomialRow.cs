using DataScrub.Analysis.Statistics;

namespace DataScrub.Analysis.Batches;

/// <summary>log C(n, k) for k = 0..maxK, negative infinity where k &gt; n.</summary>
internal static class LogBinomialRow
{
    /// <remarks>
    /// Built from the ratios C(n, k) / C(n, k - 1) = (n - k + 1) / k rather than from log-factorials, because
    /// log n! for n ~ 10^10 is ~2e11 and the difference of two such numbers keeps only ~5 significant digits.
    /// </remarks>
    public static double[] Build(long n, int maxK)
    {
        var row = new double[maxK + 1];
        var sum = new CompensatedSum();
        for (var k = 1; k <= maxK; k++)
        {
            if (k > n)
            {
                row.AsSpan(k).Fill(double.NegativeInfinity);
                break;
            }
            sum.Add(Math.Log((double)(n - k + 1) / k));
            row[k] = sum.Value;
        }
        return row;
    }
}
