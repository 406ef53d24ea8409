namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Neumaier-compensated running sum of finite values. Long sums of log terms feed Math.Exp, where an
/// absolute error in the sum becomes a relative error in the probability; compensation keeps that error
/// near one ulp of the sum instead of growing with the number of terms.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public void Add(double value)
    {
        var t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    public readonly double Value => _sum + _compensation;
}
