using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// <c>SGDSolver&lt;float&gt;::GetLearningRate()</c> (BVLC caffe 9b89154, src/caffe/solvers/sgd_solver.cpp) for a
/// solver Caffe accepts: <see cref="Rate"/> is the formula, <see cref="Next"/> the call Solver::Step makes once an
/// iteration (through ApplyUpdate, for iter_ = 0 .. max_iter - 1), carrying multistep's current_step_.
/// </summary>
/// <remarks>
/// Arithmetic follows the C++ as g++ (C++11, libstdc++ 6+) compiles it with Dtype = float, because the digits of a
/// rate depend on it:
/// <list type="bullet">
/// <item>step, exp, multistep: <c>pow(float gamma, int n)</c> has no float overload in C++11, so gamma and n are
/// promoted and std::pow computes in double; <c>base_lr * double</c> is a double product, rounded once to float
/// when it is stored in <c>Dtype rate</c>. So a rate overflows to Inf only when the double product passes FLT_MAX.</item>
/// <item>inv, poly: both operands of pow are float (<c>Dtype(1) + gamma * iter_</c>, <c>-power</c>), so the float
/// overload (powf) is chosen; mkl_alternate.hpp includes &lt;math.h&gt;, which puts std::pow's overloads in the
/// global namespace where the unqualified call finds them. Everything else is float arithmetic.</item>
/// <item>sigmoid: <c>exp(float)</c> is expf by the same route; the rest is float.</item>
/// </list>
/// MathF.Pow/MathF.Exp and Math.Pow call the same libm functions (powf, expf, pow) on Linux, so the bits match a
/// Linux build of Caffe.
/// </remarks>
internal sealed class LearningRateReplay
{
    public const string Fixed = "fixed", Step = "step", Exp = "exp", Inv = "inv", MultiStep = "multistep", Poly = "poly", Sigmoid = "sigmoid";

    /// <summary>The policies GetLearningRate knows, in its if-chain's order; anything else is LOG(FATAL).</summary>
    public static readonly IReadOnlyList<string> Policies = [Fixed, Step, Exp, Inv, MultiStep, Poly, Sigmoid];

    public string Policy { get; }
    public float BaseLr { get; }
    public float Gamma { get; }
    public float Power { get; }
    public int Stepsize { get; }
    public int MaxIter { get; }
    public IReadOnlyList<int> StepValues => stepValues;

    private readonly int[] stepValues;
    private int currentStep;
    private int nextIteration;

    /// <exception cref="ArgumentException">Caffe aborts for this solver at its first update (unknown lr_policy or a
    /// failed CHECK): there is no rate to give. The message is Caffe's.</exception>
    public LearningRateReplay(SolverParameter solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (LearningRateCaffeChecks.FirstAbort(solver) is { } abort)
            throw new ArgumentException($"Caffe aborts at iteration 0 for this solver: {abort}", nameof(solver));
        Policy = solver.LrPolicy;
        BaseLr = solver.BaseLr;
        Gamma = solver.Gamma;
        Power = solver.Power;
        Stepsize = solver.Stepsize;
        MaxIter = solver.MaxIter;
        stepValues = [.. solver.Stepvalue];
    }

    /// <summary>The current_step_ multistep has reached (the number of stepvalues passed so far).</summary>
    public int CurrentStep => currentStep;

    /// <summary>The rate Caffe computes at the next iteration (0 on the first call), advancing the replay.</summary>
    public float Next()
    {
        var iteration = nextIteration++;
        AdvanceMultiStep(iteration);
        return Rate(iteration, currentStep);
    }

    /// <summary>
    /// Multistep's bookkeeping at <paramref name="iteration"/>: current_step_ moves on by at most one per call, so a
    /// stepvalue equal to or below one already passed takes effect one iteration later, not at its own value.
    /// </summary>
    public void AdvanceMultiStep(int iteration)
    {
        if (Policy == MultiStep && currentStep < stepValues.Length && iteration >= stepValues[currentStep])
            currentStep++;
    }

    /// <summary>The formula for iter_ = <paramref name="iteration"/> and current_step_ = <paramref name="step"/>.</summary>
    public float Rate(int iteration, int step) => Policy switch
    {
        Fixed => BaseLr,
        Step => StepRate(BaseLr, Gamma, Stepsize, iteration),
        Exp => ExpRate(BaseLr, Gamma, iteration),
        Inv => InvRate(BaseLr, Gamma, Power, iteration),
        MultiStep => MultiStepRate(BaseLr, Gamma, step),
        Poly => PolyRate(BaseLr, Power, MaxIter, iteration),
        Sigmoid => SigmoidRate(BaseLr, Gamma, Stepsize, iteration),
        _ => throw new InvalidOperationException($"unknown policy {Policy}"), // the constructor refused it
    };

    // One static function a policy, on primitives, so the scan's per-iteration loops call the same arithmetic
    // without a policy dispatch (a million iterations are scanned per check).

    // current_step_ = iter_ / stepsize: integer division; stepsize > 0 is CHECKed.
    internal static float StepRate(float baseLr, float gamma, int stepsize, int iteration) => (float)(baseLr * Math.Pow(gamma, iteration / stepsize));

    internal static float ExpRate(float baseLr, float gamma, int iteration) => (float)(baseLr * Math.Pow(gamma, iteration));

    internal static float InvRate(float baseLr, float gamma, float power, int iteration) => baseLr * MathF.Pow(1f + gamma * (float)iteration, -power);

    internal static float MultiStepRate(float baseLr, float gamma, int step) => (float)(baseLr * Math.Pow(gamma, step));

    internal static float PolyRate(float baseLr, float power, int maxIter, int iteration) =>
        baseLr * MathF.Pow(1f - ((float)iteration / (float)maxIter), power);

    internal static float SigmoidRate(float baseLr, float gamma, int stepsize, int iteration) =>
        baseLr * (1f / (1f + MathF.Exp(-gamma * ((float)iteration - (float)stepsize))));
}
