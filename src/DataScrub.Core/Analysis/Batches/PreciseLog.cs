namespace DataScrub.Analysis.Batches;

/// <summary>Logarithms that stay precise where Math.Log loses digits.</summary>
internal static class PreciseLog
{
    /// <summary>
    /// log(1 + x) to a few ulps, also for |x| ~ 1e-10 where 1 + x keeps only 6 of x's digits.
    /// double.LogP1 is not used: it is Math.Log(x + 1), with exactly that loss.
    /// </summary>
    /// <remarks>
    /// Kahan's trick: u = fl(1 + x) is exact for some nearby x' = u - 1, and log(u) / (u - 1) varies slowly, so
    /// log(u) * x / (u - 1) corrects for the rounding of 1 + x (Goldberg, "What every computer scientist should
    /// know about floating-point arithmetic", theorem 4).
    /// </remarks>
    public static double OnePlus(double x)
    {
        var u = 1 + x;
        if (u == 1)
            return x; // |x| < eps/2: log(1 + x) = x - x^2/2 + ..., the square term is below x's last bit
        if (u == 0)
            return double.NegativeInfinity;
        return Math.Log(u) * x / (u - 1);
    }
}
