using DataScrub.Findings;
using DataScrub.Formats.Caffe.Proto;
using static DataScrub.Formats.Caffe.Lint.LearningRateCaffeChecks;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// A solver's learning rate at each iteration exactly as BVLC Caffe (9b89154) computes it for a float net
/// (<see cref="LearningRateReplay"/> says which operations are float and which double), and what is wrong with it.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// Iterations checked when max_iter is unset or not positive: <c>caffe train</c> then runs none, but pycaffe's
    /// <c>solver.step(n)</c> runs as many as asked.
    /// </summary>
    public const int UnsetMaxIterIterations = 1_000_000;

    /// <summary>The rate Caffe uses at <paramref name="iteration"/> (multistep replays current_step_ from 0).</summary>
    /// <exception cref="ArgumentException">Caffe aborts for this solver (unknown lr_policy or a failed CHECK).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iteration"/> is not an int iter_ can hold.</exception>
    public static float RateAt(SolverParameter solver, long iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iteration, int.MaxValue);
        var replay = new LearningRateReplay(solver);
        // Only multistep's rate depends on the calls before (its lagging step count): replay those from 0.
        if (replay.Policy == LearningRateReplay.MultiStep)
            for (var i = 0; i <= iteration; i++) replay.AdvanceMultiStep(i);
        return replay.Rate((int)iteration, replay.CurrentStep);
    }

    /// <summary>The rates of iterations 0 .. <paramref name="count"/> - 1, computed in one pass.</summary>
    /// <exception cref="ArgumentException">Caffe aborts for this solver; thrown here, before enumeration.</exception>
    public static IEnumerable<float> Rates(SolverParameter solver, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, (long)int.MaxValue + 1);
        var replay = new LearningRateReplay(solver);
        return Enumerate(replay, count);

        static IEnumerable<float> Enumerate(LearningRateReplay replay, long count)
        {
            for (long i = 0; i < count; i++) yield return replay.Next();
        }
    }

    /// <summary>
    /// Every problem with the schedule over iterations 0 .. max_iter - 1 (the first
    /// <see cref="UnsetMaxIterIterations"/> when max_iter is not positive), errors first; empty for a sane solver.
    /// When Caffe aborts (unknown policy, failed CHECK) only those errors are given: no rate is ever computed.
    /// </summary>
    public static IReadOnlyList<LearningRateProblem> Check(SolverParameter solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        var aborts = Aborts(solver);
        if (aborts.Count > 0) return aborts;

        var replay = new LearningRateReplay(solver);
        long count = solver.MaxIter > 0 ? solver.MaxIter : UnsetMaxIterIterations;
        var scan = LearningRateScan.Scan(replay, count);
        var problems = new List<LearningRateProblem>();
        var policy = solver.LrPolicy;
        var formula = Formula(policy);
        // Without max_iter, `caffe train` never computes a rate; say so where the NaN/Inf is blamed on it.
        var unsetMaxIter = solver.MaxIter <= 0 ? " (`caffe train` runs no iteration without max_iter; pycaffe's solver.step(n) meets these rates)" : "";

        if (scan.NaN.Happens)
        {
            var field = Blame(solver, isNegative: false);
            problems.Add(new(Severity.Error, field,
                $"{Cause(solver, field)}: the rate ({formula}) is NaN from iteration {scan.NaN.First}, {scan.NaN.Iterations} of the {Checked(scan, count)}, "
                + "and a NaN rate turns every weight it updates into NaN" + (field == "max_iter" ? unsetMaxIter : ""), scan.NaN.First, scan.NaN.Iterations));
        }
        if (scan.Infinite.Happens)
        {
            var field = Blame(solver, isNegative: false);
            var sign = scan.Infinite.Rate > 0 ? "+Inf" : "-Inf";
            problems.Add(new(Severity.Error, field,
                $"{Cause(solver, field)}: the rate ({formula}) is {sign} from iteration {scan.Infinite.First}, {scan.Infinite.Iterations} of the {Checked(scan, count)}, "
                + "and an infinite rate turns the weights into Inf and NaN" + (field == "max_iter" ? unsetMaxIter : ""), scan.Infinite.First, scan.Infinite.Iterations));
        }
        if (scan.Negative.Happens)
        {
            var field = Blame(solver, isNegative: true);
            problems.Add(new(Severity.Error, field,
                $"{Cause(solver, field)}: the rate is negative ({Format(scan.Negative.Rate)} at iteration {scan.Negative.First}, {scan.Negative.Iterations} of the {Checked(scan, count)}), "
                + "so every update climbs the loss instead of descending it", scan.Negative.First, scan.Negative.Iterations));
        }
        // Sigmoid can only rise: Caffe's CHECK_GE(gamma, 0) allows no decaying form, so its rise is a warm-up to
        // base_lr that never exceeds it, not a mistake to warn about.
        if (scan.Rise.Happens && policy != LearningRateReplay.Sigmoid)
        {
            var field = policy is LearningRateReplay.Inv or LearningRateReplay.Poly ? "power" : "gamma";
            problems.Add(new(Severity.Warning, field,
                $"{Cause(solver, field)}: the rate ({formula}) rises instead of decaying, from {Format(scan.FirstRate)} at iteration 0 to {Format(scan.MaxRate)} at iteration {scan.MaxRateIteration}"
                + RiseHint(policy), scan.Rise.First, scan.Rise.Iterations));
        }

        MissingParameters(solver, count, problems);
        StepValues(solver, count, problems);
        if (solver.BaseLr == 0f && !problems.Any(p => p.Field == "base_lr"))
        {
            var what = solver.HasBaseLr ? "base_lr is 0" : "base_lr is not set, so it is 0 (caffe.proto gives it no default)";
            problems.Add(new(Severity.Warning, "base_lr", $"{what}: every rate is 0 and nothing learns", 0, count));
        }
        if (solver.MaxIter <= 0 && !problems.Any(p => p.Field == "max_iter"))
        {
            var what = solver.HasMaxIter ? $"max_iter {solver.MaxIter}" : "max_iter is not set (so 0)";
            problems.Add(new(Severity.Warning, "max_iter",
                $"{what}: `caffe train` runs no iteration (Solver::Solve calls Step(max_iter - iter)); only pycaffe's solver.step(n) trains, "
                + $"and the schedule was checked for its first {UnsetMaxIterIterations} iterations", null, null));
        }
        // OrderBy is stable: within a severity, the order above (rates first, then parameters).
        return [.. problems.OrderByDescending(p => p.Severity)];
    }

    /// <summary>A parameter the policy reads that is absent: proto2 gives it 0, which these policies survive.</summary>
    private static void MissingParameters(SolverParameter solver, long count, List<LearningRateProblem> problems)
    {
        var p = solver.LrPolicy;
        void Warn(string field, string message, long? first = null, long? iterations = null)
        {
            if (!problems.Any(x => x.Field == field))
                problems.Add(new(Severity.Warning, field, $"lr_policy \"{p}\" without {field}: {message}", first, iterations));
        }
        var baseLr = Format(solver.BaseLr);
        switch (p)
        {
            case LearningRateReplay.Step when !solver.HasGamma:
                var stepsize = solver.Stepsize;
                Warn("gamma", $"gamma is 0, so the rate is base_lr {baseLr} until iteration {stepsize} and 0 from there on (nothing learns); set gamma, e.g. 0.1",
                    stepsize < count ? stepsize : null, stepsize < count ? count - stepsize : null);
                break;
            case LearningRateReplay.Exp when !solver.HasGamma:
                Warn("gamma", $"gamma is 0, so the rate is base_lr {baseLr} at iteration 0 and 0 from iteration 1 on (nothing learns); set gamma just below 1, e.g. 0.9999",
                    count > 1 ? 1 : null, count > 1 ? count - 1 : null);
                break;
            case LearningRateReplay.Inv:
                if (!solver.HasGamma) Warn("gamma", $"gamma is 0, so (1 + 0 * iter)^-power = 1 and the rate stays base_lr {baseLr}: the policy is \"fixed\" in effect; set gamma, e.g. 0.0001");
                if (!solver.HasPower) Warn("power", $"power is 0, so (1 + gamma * iter)^0 = 1 and the rate stays base_lr {baseLr}: the policy is \"fixed\" in effect; set power, e.g. 0.75");
                break;
            case LearningRateReplay.MultiStep:
                if (solver.Stepvalue.Count == 0) Warn("stepvalue", $"the rate never steps and stays base_lr {baseLr}: the policy is \"fixed\" in effect; add stepvalue lines");
                else if (!solver.HasGamma)
                {
                    var first = StepIterations(solver)[0];
                    Warn("gamma", $"gamma is 0, so the rate drops from base_lr {baseLr} to 0 at the first stepvalue, iteration {first} (nothing learns after); set gamma, e.g. 0.1",
                        first < count ? first : null, first < count ? count - first : null);
                }
                break;
            case LearningRateReplay.Poly when !solver.HasPower:
                Warn("power", $"power is 0, so (1 - iter/max_iter)^0 = 1 and the rate stays base_lr {baseLr}: the policy is \"fixed\" in effect; set power, e.g. 0.9");
                break;
            case LearningRateReplay.Sigmoid when !solver.HasGamma:
                Warn("gamma", $"gamma is 0, so the rate is base_lr/(1 + exp(0)) = {Format(solver.BaseLr * 0.5f)} at every iteration: the policy is \"fixed\" at half base_lr in effect");
                break;
        }
    }

    /// <summary>Multistep stepvalues out of order (applied late: one step per iteration, in listed order) or past max_iter.</summary>
    private static void StepValues(SolverParameter solver, long count, List<LearningRateProblem> problems)
    {
        if (solver.LrPolicy != LearningRateReplay.MultiStep) return;
        var values = solver.Stepvalue;
        var applied = StepIterations(solver);
        for (var j = 0; j < values.Count; j++)
        {
            if (solver.MaxIter > 0 && values[j] >= solver.MaxIter)
            {
                problems.Add(new(Severity.Warning, "stepvalue",
                    $"stepvalue {values[j]} is not below max_iter {solver.MaxIter}: training stops before it, so this step never happens", null, null));
            }
            else if (j > 0 && values[j] <= values[j - 1])
            {
                var when = applied[j] < count ? $"at iteration {applied[j]}" : "after the last iteration, so never";
                problems.Add(new(Severity.Warning, "stepvalue",
                    $"stepvalue {values[j]} is not above the one before it ({values[j - 1]}): Caffe passes stepvalues one per iteration in the order listed, so this step happens {when} instead of at {values[j]}; list stepvalues in increasing order",
                    applied[j] < count ? applied[j] : null, null));
            }
        }
    }

    /// <summary>The iteration at which Caffe applies each stepvalue: no earlier than its value, one per iteration, in order.</summary>
    private static long[] StepIterations(SolverParameter solver)
    {
        var applied = new long[solver.Stepvalue.Count];
        long previous = -1;
        for (var j = 0; j < applied.Length; j++) previous = applied[j] = Math.Max(previous + 1, Math.Max(0, solver.Stepvalue[j]));
        return applied;
    }

    /// <summary>The field whose value makes a rate NaN, infinite or negative.</summary>
    private static string Blame(SolverParameter solver, bool isNegative)
    {
        var policy = solver.LrPolicy;
        if (isNegative || !float.IsFinite(solver.BaseLr)) return "base_lr";
        var readsGamma = policy is not (LearningRateReplay.Fixed or LearningRateReplay.Poly);
        var readsPower = policy is LearningRateReplay.Inv or LearningRateReplay.Poly;
        if (readsGamma && !float.IsFinite(solver.Gamma)) return "gamma";
        if (readsPower && !float.IsFinite(solver.Power)) return "power";
        return policy switch
        {
            LearningRateReplay.Poly => solver.MaxIter <= 0 ? "max_iter" : "power",
            LearningRateReplay.Inv => "power",
            LearningRateReplay.Fixed => "base_lr",
            _ => "gamma",
        };
    }

    private static string Cause(SolverParameter solver, string field)
    {
        var policy = $"lr_policy \"{solver.LrPolicy}\"";
        return field switch
        {
            "base_lr" => $"base_lr {Format(solver.BaseLr)}",
            "max_iter" => solver.HasMaxIter ? $"{policy} with max_iter {solver.MaxIter}" : $"{policy} without max_iter",
            "gamma" => solver.HasGamma ? $"{policy} with gamma {Format(solver.Gamma)}{(solver.Gamma > 1f ? " > 1" : "")}" : $"{policy} without gamma (so 0)",
            "power" => solver.HasPower ? $"{policy} with power {Format(solver.Power)}" : $"{policy} without power (so 0)",
            _ => $"{policy} with {field}",
        };
    }

    private static string Checked(LearningRateScan scan, long count) => scan.SampledFrom is { } from
        ? $"{count} iterations checked (every one up to {from}, then sampled: the counts beyond are estimates)"
        : $"{count} iterations checked";

    private static string Formula(string policy) => policy switch
    {
        LearningRateReplay.Fixed => "base_lr",
        LearningRateReplay.Step => "base_lr * gamma^floor(iter/stepsize)",
        LearningRateReplay.Exp => "base_lr * gamma^iter",
        LearningRateReplay.Inv => "base_lr * (1 + gamma*iter)^-power",
        LearningRateReplay.MultiStep => "base_lr * gamma^(stepvalues passed)",
        LearningRateReplay.Poly => "base_lr * (1 - iter/max_iter)^power",
        _ => "base_lr / (1 + exp(-gamma*(iter - stepsize)))",
    };

    private static string RiseHint(string policy) => policy switch
    {
        LearningRateReplay.Inv or LearningRateReplay.Poly => "; a negative power turns the decay into growth, make it positive",
        _ => "; gamma > 1 multiplies the rate at each step, use gamma < 1",
    };
}
