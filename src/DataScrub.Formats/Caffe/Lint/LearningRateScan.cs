namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// What the rates of iterations 0 .. count - 1 do: where they are NaN, infinite, negative, and where they rise.
/// Piecewise-constant policies (fixed, step, multistep) are visited a run of equal rates at a time and exp stops
/// once the rate is pinned at 0 or Inf, so a million-iteration scan costs a few milliseconds; inv, poly and sigmoid
/// compute every iteration (20-30 ns each in a Release build, so a million in 20-30 ms).
/// </summary>
internal sealed class LearningRateScan
{
    public long Count { get; }
    public Run NaN;
    public Run Infinite;
    /// <summary>Negative and finite (-Inf counts as infinite).</summary>
    public Run Negative;
    /// <summary>
    /// Iterations whose rate is above every earlier non-negative, non-NaN rate. Not "above the previous rate": powf
    /// and expf are not correctly rounded, so nothing promises that two neighbouring rates of a decaying inv or poly
    /// schedule are ordered to the ulp, but such a schedule never climbs back above a rate it already had, while
    /// every policy that really rises sets a new maximum as it does.
    /// </summary>
    public Run Rise;
    // Fields, not properties: Observe runs once an iteration, and test builds are not optimised.
    public float FirstRate = float.NaN;
    /// <summary>The highest non-negative rate, -1 before there is one.</summary>
    public float MaxRate = -1f;
    public long MaxRateIteration = -1;

    /// <summary>A condition's first iteration and rate (meaningful when it <see cref="Happens"/>) and how many iterations have it.</summary>
    public struct Run
    {
        public long First;
        public long Iterations;
        /// <summary>The rate at <see cref="First"/>.</summary>
        public float Rate;
        public readonly bool Happens => Iterations > 0;
        internal void Add(long start, long count, float rate)
        {
            if (Iterations == 0) (First, Rate) = (start, rate);
            Iterations += count;
        }
    }

    private LearningRateScan(long count) => Count = count;

    public static LearningRateScan Scan(LearningRateReplay replay, long count)
    {
        var scan = new LearningRateScan(count);
        var n = (int)Math.Min(count, int.MaxValue); // iter_ is an int in Caffe
        var (baseLr, gamma, power, stepsize, maxIter) = (replay.BaseLr, replay.Gamma, replay.Power, replay.Stepsize, replay.MaxIter);
        switch (replay.Policy)
        {
            case LearningRateReplay.Fixed:
                if (n > 0) scan.Observe(0, n, replay.Rate(0, 0));
                break;
            case LearningRateReplay.Step:
                for (long start = 0; start < n; start += replay.Stepsize)
                {
                    var rate = LearningRateReplay.StepRate(baseLr, gamma, stepsize, (int)start);
                    if (IsPinned(gamma, rate))
                    {
                        scan.Observe(start, n - start, rate);
                        break;
                    }
                    scan.Observe(start, Math.Min(start + replay.Stepsize, n) - start, rate);
                }
                break;
            case LearningRateReplay.MultiStep:
                for (var i = 0; i < n;)
                {
                    replay.AdvanceMultiStep(i);
                    var step = replay.CurrentStep;
                    // The rate holds until the next iteration at which current_step_ moves (at most one step a call).
                    var next = step < replay.StepValues.Count ? Math.Max(i + 1, replay.StepValues[step]) : n;
                    next = Math.Min(next, n);
                    scan.Observe(i, next - i, replay.Rate(i, step));
                    i = next;
                }
                break;
            case LearningRateReplay.Exp:
                scan.Sweep(n, i => LearningRateReplay.ExpRate(baseLr, gamma, i), rate => IsPinned(gamma, rate));
                break;
            case LearningRateReplay.Inv:
                scan.Sweep(n, i => LearningRateReplay.InvRate(baseLr, gamma, power, i));
                break;
            case LearningRateReplay.Poly:
                scan.Sweep(n, i => LearningRateReplay.PolyRate(baseLr, power, maxIter, i));
                break;
            default:
                scan.Sweep(n, i => LearningRateReplay.SigmoidRate(baseLr, gamma, stepsize, i));
                break;
        }
        return scan;
    }

    /// <summary>Iterations computed one by one; past this many, a schedule is sampled (<see cref="SampledFrom"/>).</summary>
    public const int ExhaustiveIterations = 20_000_000;

    /// <summary>The first iteration from which the rates were sampled rather than all computed, or null: a solver of a
    /// billion iterations would otherwise take a minute. Counts and first iterations past it are those of the samples'
    /// windows (each sample stands for the iterations up to the next), so they are estimates.</summary>
    public long? SampledFrom { get; private set; }

    /// <summary>
    /// A policy computed per iteration (exp, inv, poly, sigmoid): every iteration up to half of
    /// <see cref="ExhaustiveIterations"/>, then windows of equal width evaluated at their last iteration, so that the
    /// last iteration is always computed and at most about <see cref="ExhaustiveIterations"/> rates are.
    /// </summary>
    private void Sweep(int n, Func<int, float> rateAt, Func<float, bool>? pinned = null)
    {
        var exhaustive = n <= ExhaustiveIterations ? n : ExhaustiveIterations / 2;
        var width = n <= ExhaustiveIterations ? 1 : (int)Math.Ceiling((n - (double)exhaustive) / (ExhaustiveIterations / 2));
        if (width > 1) SampledFrom = exhaustive;
        for (var i = 0; i < n;)
        {
            var w = i < exhaustive ? 1 : Math.Min(width, n - i);
            var rate = rateAt(i + w - 1);
            if (pinned?.Invoke(rate) == true)
            {
                Observe(i, n - i, rate);
                return;
            }
            Observe(i, w, rate);
            i += w;
        }
    }

    /// <summary>
    /// For step and exp (base_lr * gamma^k, gamma >= 0 by CHECK): once the rate is 0 with gamma &lt; 1, or infinite
    /// with gamma &gt; 1, or gamma is 1, every later rate is the same.
    /// </summary>
    private static bool IsPinned(float gamma, float rate) =>
        gamma == 1f || (rate == 0f && gamma < 1f) || (float.IsInfinity(rate) && gamma > 1f);

    private void Observe(long start, long count, float rate)
    {
        if (start == 0) FirstRate = rate;
        // The common case first: finite, non-negative and not above the highest rate so far.
        if (rate >= 0f && rate <= MaxRate && rate <= float.MaxValue) return;
        if (float.IsNaN(rate))
        {
            NaN.Add(start, count, rate);
            return;
        }
        if (float.IsInfinity(rate)) Infinite.Add(start, count, rate);
        else if (rate < 0f) Negative.Add(start, count, rate);
        // A negative rate is already an error; its decay toward 0 (-0.01, -0.001) is not a rise.
        if (rate < 0f || rate <= MaxRate) return;
        if (MaxRateIteration >= 0) Rise.Add(start, 1, rate);
        MaxRate = rate;
        MaxRateIteration = start;
    }
}
