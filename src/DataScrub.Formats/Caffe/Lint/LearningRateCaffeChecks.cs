using System.Globalization;
using DataScrub.Findings;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// The ways GetLearningRate stops Caffe (BVLC 9b89154): LOG(FATAL) for an unknown lr_policy and the CHECKs added in
/// c23b356 (Dec 2017, after the 1.0 release; Debian's and Ubuntu's caffe packages include it). Each fails at the
/// first ApplyUpdate, so at iteration 0, and every problem here is an error.
/// </summary>
internal static class LearningRateCaffeChecks
{
    /// <summary>Every abort, in the order sgd_solver.cpp evaluates them (the first is the one Caffe prints).</summary>
    public static List<LearningRateProblem> Aborts(SolverParameter solver)
    {
        var problems = new List<LearningRateProblem>();
        var policy = solver.LrPolicy;
        if (!solver.HasLrPolicy || policy.Length == 0)
        {
            problems.Add(Abort("lr_policy", "lr_policy is not set: Caffe stops at iteration 0 with LOG(FATAL) \"Unknown learning rate policy: \"; "
                + "set one of " + string.Join(", ", LearningRateReplay.Policies)));
            return problems;
        }
        if (!LearningRateReplay.Policies.Contains(policy))
        {
            problems.Add(Abort("lr_policy", $"lr_policy \"{policy}\" is not one of {string.Join(", ", LearningRateReplay.Policies)} (case matters): "
                + $"Caffe stops at iteration 0 with LOG(FATAL) \"Unknown learning rate policy: {policy}\""));
            return problems;
        }
        switch (policy)
        {
            case LearningRateReplay.Step:
                StepsizePositive(solver, problems);
                GammaNonNegative(solver, problems);
                break;
            case LearningRateReplay.Exp or LearningRateReplay.Inv or LearningRateReplay.MultiStep:
                GammaNonNegative(solver, problems);
                break;
            case LearningRateReplay.Sigmoid:
                GammaNonNegative(solver, problems);
                StepsizePositive(solver, problems);
                break;
        }
        return problems;
    }

    /// <summary>Caffe's words for the first abort, or null when GetLearningRate returns a rate.</summary>
    public static string? FirstAbort(SolverParameter solver) => Aborts(solver) is [var first, ..] ? first.Message : null;

    private static void StepsizePositive(SolverParameter solver, List<LearningRateProblem> problems)
    {
        if (solver.Stepsize > 0) return;
        var what = solver.HasStepsize ? $"stepsize {solver.Stepsize}" : "without stepsize (so 0)";
        problems.Add(Abort("stepsize", $"lr_policy \"{solver.LrPolicy}\" {what}: Caffe aborts at iteration 0 with "
            + $"\"Check failed: this->param_.stepsize() > 0 ({solver.Stepsize} vs. 0)\"; set stepsize to a positive iteration count"));
    }

    private static void GammaNonNegative(SolverParameter solver, List<LearningRateProblem> problems)
    {
        // CHECK_GE is `gamma >= 0`, which a NaN gamma fails too.
        if (solver.Gamma >= 0) return;
        var hint = solver.LrPolicy == LearningRateReplay.Sigmoid
            ? " (caffe.proto calls sigmoid a decay, which needs gamma < 0, but this CHECK forbids it: with gamma > 0 the rate rises to base_lr)"
            : "";
        problems.Add(Abort("gamma", $"lr_policy \"{solver.LrPolicy}\" with gamma {Format(solver.Gamma)}: Caffe aborts at iteration 0 with "
            + $"\"Check failed: this->param_.gamma() >= 0 ({Format(solver.Gamma)} vs. 0)\"{hint}"));
    }

    private static LearningRateProblem Abort(string field, string message) => new(Severity.Error, field, message, 0, null);

    internal static string Format(float value) => value switch
    {
        float.PositiveInfinity => "+Inf",
        float.NegativeInfinity => "-Inf",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
