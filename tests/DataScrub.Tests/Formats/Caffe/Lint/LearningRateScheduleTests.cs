using System.Diagnostics;
using DataScrub.Findings;
using DataScrub.Formats.Caffe.Lint;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Tests.Formats.Caffe.Lint;

/// <summary>
/// LearningRateSchedule against SGDSolver&lt;float&gt;::GetLearningRate (BVLC caffe 9b89154). The expected bits were
/// worked by hand below and agree with caffe_lr_reference.cpp in this folder (the C++ function compiled as Caffe is).
/// Floats: 0.01f = 0.00999999977648258, 0.1f = 0.100000001490116, 0.9f = 0.899999976158142.
/// </summary>
public class LearningRateScheduleTests
{
    private static SolverParameter Solver(string text) => SolverText.Parse(text);

    private static void AssertBits(uint expected, float actual) =>
        Assert.True(BitConverter.SingleToUInt32Bits(actual) == expected,
            $"expected 0x{expected:x8} ({BitConverter.UInt32BitsToSingle(expected):R}), got 0x{BitConverter.SingleToUInt32Bits(actual):x8} ({actual:R})");

    // ---- rates, policy by policy ----

    [Fact]
    public void RateAt_Fixed_IsBaseLrAtEveryIteration()
    {
        var solver = Solver("lr_policy: \"fixed\"\nbase_lr: 0.001\nmax_iter: 4000");
        AssertBits(0x3a83126f, LearningRateSchedule.RateAt(solver, 0));    // 0.001f
        AssertBits(0x3a83126f, LearningRateSchedule.RateAt(solver, 3999));
    }

    [Fact]
    public void RateAt_Step_DropsByGammaEveryStepsizeInDouble()
    {
        var solver = Solver("lr_policy: \"step\"\nbase_lr: 0.01\ngamma: 0.1\nstepsize: 100\nmax_iter: 1000");
        // 99 / 100 = 0: 0.01f * pow(0.1, 0) = 0.01f.
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 0));
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 99));
        // 100 / 100 = 1: 0.00999999977648 * 0.100000001490 = 0.000999999992549 (double) -> float 0.001f (0x3a83126f).
        AssertBits(0x3a83126f, LearningRateSchedule.RateAt(solver, 100));
        AssertBits(0x3a83126f, LearningRateSchedule.RateAt(solver, 199));
        // 200: 0.01f * 0.1f^2 = 9.99999985e-5 (double) -> 0x38d1b717 = 1e-4f.
        AssertBits(0x38d1b717, LearningRateSchedule.RateAt(solver, 200));
        // 350 / 100 = 3: 0.01f * 0.1f^3 = 1.0000000e-5 * (1 + 2.2e-8) in double -> 0x3727c5ad, one ulp above 1e-5f
        // (0x3727c5ac): the power is taken in double, not as 0.1f*0.1f*0.1f in float.
        AssertBits(0x3727c5ad, LearningRateSchedule.RateAt(solver, 350));
    }

    [Fact]
    public void RateAt_Exp_IsBaseLrTimesGammaToTheIteration()
    {
        var solver = Solver("lr_policy: \"exp\"\nbase_lr: 0.01\ngamma: 0.999\nmax_iter: 10000");
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 0));
        // 0.01f * 0.999f = 0.00999999977648 * 0.999000012875 = 0.00999000 -> 0x3c23ad19.
        AssertBits(0x3c23ad19, LearningRateSchedule.RateAt(solver, 1));
        // 0.999^1000 = e^(1000 ln 0.999) = e^-1.0005 = 0.367700; * 0.01 = 0.00367700 -> 0x3b70f9d9.
        AssertBits(0x3b70f9d9, LearningRateSchedule.RateAt(solver, 1000));
    }

    [Fact]
    public void RateAt_Inv_LenetSolver()
    {
        // examples/mnist/lenet_solver.prototxt.
        var solver = Solver("lr_policy: \"inv\"\nbase_lr: 0.01\ngamma: 0.0001\npower: 0.75\nmax_iter: 10000");
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 0)); // (1 + 0)^-0.75 = 1
        // 1 + 0.0001f * 5000 = 1 + 0.500000025 -> float 1.5; 1.5^-0.75 = 0.737788; * 0.01f = 0.00737788 -> 0x3bf1c223.
        AssertBits(0x3bf1c223, LearningRateSchedule.RateAt(solver, 5000));
        // 1 + 0.9999 = 1.9999; 1.9999^-0.75 = 0.594626; * 0.01 -> 0x3bc2d8d4.
        AssertBits(0x3bc2d8d4, LearningRateSchedule.RateAt(solver, 9999));
    }

    [Fact]
    public void RateAt_Multistep_LenetMultistepSolver()
    {
        // examples/mnist/lenet_multistep_solver.prototxt.
        var solver = Solver("lr_policy: \"multistep\"\nbase_lr: 0.01\ngamma: 0.9\nstepvalue: 5000\nstepvalue: 7000\nstepvalue: 8000\nstepvalue: 9000\nstepvalue: 9500\nmax_iter: 10000");
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 4999));
        // one step passed: 0.01f * 0.9f = 0.00899999960 -> 0x3c1374bc.
        AssertBits(0x3c1374bc, LearningRateSchedule.RateAt(solver, 5000));
        // two: 0.01f * 0.9f^2 = 0.0081 -> 0x3c04b5dc.
        AssertBits(0x3c04b5dc, LearningRateSchedule.RateAt(solver, 7000));
        // five: 0.01 * 0.9^5 = 0.0059049 -> 0x3bc17de2.
        AssertBits(0x3bc17de2, LearningRateSchedule.RateAt(solver, 9500));
        AssertBits(0x3bc17de2, LearningRateSchedule.RateAt(solver, 9999));
    }

    [Fact]
    public void RateAt_MultistepWithRepeatedAndFallingStepvalues_AdvancesOneStepPerIteration()
    {
        // stepvalues 100, 100, 50: at 100 the first is passed; the second (100) and third (50) are already behind
        // iter_, but current_step_ moves at most once a call, so they take effect at 101 and 102.
        var solver = Solver("lr_policy: \"multistep\"\nbase_lr: 0.01\ngamma: 0.1\nstepvalue: 100\nstepvalue: 100\nstepvalue: 50\nmax_iter: 1000");
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 99));   // 0.01
        AssertBits(0x3a83126f, LearningRateSchedule.RateAt(solver, 100));  // 0.001
        AssertBits(0x38d1b717, LearningRateSchedule.RateAt(solver, 101));  // 1e-4
        AssertBits(0x3727c5ad, LearningRateSchedule.RateAt(solver, 102));  // 1e-5 (+1 ulp, as in step)
        AssertBits(0x3727c5ad, LearningRateSchedule.RateAt(solver, 500));
        // 50 alone would have stepped at 50:
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 50));
    }

    [Fact]
    public void RateAt_Poly_GooglenetQuickSolver()
    {
        // models/bvlc_googlenet/quick_solver.prototxt: power 0.5, max_iter 2400000.
        var solver = Solver("lr_policy: \"poly\"\nbase_lr: 0.01\npower: 0.5\nmax_iter: 2400000");
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 0));
        // 1 - 600000/2400000 = 0.75 exactly; sqrt(0.75) = 0.8660254; * 0.01f -> 0x3c0de3bd.
        AssertBits(0x3c0de3bd, LearningRateSchedule.RateAt(solver, 600000));
        // 1 - 0.5 = 0.5; sqrt = 0.70710678; * 0.01f -> 0x3be7b46a.
        AssertBits(0x3be7b46a, LearningRateSchedule.RateAt(solver, 1200000));
        // 2399999f / 2400000f = 0.99999958 (float); 1 - that = 4.1723e-7; sqrt = 6.4593e-4; * 0.01 -> 0x36d8bd6c.
        AssertBits(0x36d8bd6c, LearningRateSchedule.RateAt(solver, 2399999));
    }

    [Fact]
    public void RateAt_PolyWithoutMaxIter_IsNaNThenInfinite()
    {
        var solver = Solver("lr_policy: \"poly\"\nbase_lr: 0.01\npower: 0.9");
        Assert.True(float.IsNaN(LearningRateSchedule.RateAt(solver, 0)));                     // 1 - 0f/0f = NaN
        Assert.Equal(float.PositiveInfinity, LearningRateSchedule.RateAt(solver, 1));         // powf(1 - inf, 0.9) = +inf
    }

    [Fact]
    public void RateAt_Sigmoid_IsHalfBaseLrAtStepsize()
    {
        var solver = Solver("lr_policy: \"sigmoid\"\nbase_lr: 0.01\ngamma: 0.01\nstepsize: 1000\nmax_iter: 5000");
        // exp(-0.01 * (0 - 1000)) = e^10 = 22026.47; 0.01 / 22027.47 = 4.53979e-7 -> 0x34f3ba5c.
        AssertBits(0x34f3ba5c, LearningRateSchedule.RateAt(solver, 0));
        // exp(0) = 1: 0.01f * (1 / 2) = 0.005f -> 0x3ba3d70a.
        AssertBits(0x3ba3d70a, LearningRateSchedule.RateAt(solver, 1000));
        // e^-40 vanishes beside 1 in float: the rate is base_lr.
        AssertBits(0x3c23d70a, LearningRateSchedule.RateAt(solver, 5000));
    }

    [Fact]
    public void RateAt_ExpAboveOne_OverflowsOnlyWhenTheDoubleProductPassesFltMax()
    {
        var solver = Solver("lr_policy: \"exp\"\nbase_lr: 0.01\ngamma: 1.001\nmax_iter: 100000");
        AssertBits(0x7f6ea0b3, LearningRateSchedule.RateAt(solver, 93300)); // 3.1719e38, still finite
        Assert.True(float.IsFinite(LearningRateSchedule.RateAt(solver, 93370)));
        Assert.Equal(float.PositiveInfinity, LearningRateSchedule.RateAt(solver, 93371));
    }

    [Fact]
    public void Rates_MatchRateAtIterationByIteration()
    {
        var solver = Solver("lr_policy: \"multistep\"\nbase_lr: 0.01\ngamma: 0.1\nstepvalue: 100\nstepvalue: 100\nstepvalue: 50\nmax_iter: 300");
        var rates = LearningRateSchedule.Rates(solver, 300).ToArray();
        Assert.Equal(300, rates.Length);
        for (var i = 0; i < rates.Length; i += 7) Assert.Equal(LearningRateSchedule.RateAt(solver, i), rates[i]);
        Assert.Equal(LearningRateSchedule.RateAt(solver, 102), rates[102]);
    }

    [Fact]
    public void RateAtAndRates_ForASolverCaffeAborts_Throw()
    {
        var solver = Solver("lr_policy: \"step\"\nbase_lr: 0.01\ngamma: 0.1");
        var e = Assert.Throws<ArgumentException>(() => LearningRateSchedule.RateAt(solver, 0));
        Assert.Contains("Check failed: this->param_.stepsize() > 0 (0 vs. 0)", e.Message);
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.Rates(solver, 10));
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.RateAt(Solver("base_lr: 0.01"), 0));
    }

    // ---- Check: sane solvers ----

    public static TheoryData<string, string> BvlcSolvers => new()
    {
        { "examples/mnist/lenet_solver.prototxt", "net: \"examples/mnist/lenet_train_test.prototxt\"\ntest_iter: 100\ntest_interval: 500\nbase_lr: 0.01\nmomentum: 0.9\nweight_decay: 0.0005\nlr_policy: \"inv\"\ngamma: 0.0001\npower: 0.75\ndisplay: 100\nmax_iter: 10000\nsnapshot: 5000\nsnapshot_prefix: \"examples/mnist/lenet\"\nsolver_mode: GPU" },
        { "examples/mnist/lenet_multistep_solver.prototxt", "net: \"examples/mnist/lenet_train_test.prototxt\"\ntest_iter: 100\ntest_interval: 500\nbase_lr: 0.01\nmomentum: 0.9\nweight_decay: 0.0005\nlr_policy: \"multistep\"\ngamma: 0.9\nstepvalue: 5000\nstepvalue: 7000\nstepvalue: 8000\nstepvalue: 9000\nstepvalue: 9500\ndisplay: 100\nmax_iter: 10000\nsnapshot: 5000\nsnapshot_prefix: \"examples/mnist/lenet_multistep\"\nsolver_mode: GPU" },
        { "examples/cifar10/cifar10_quick_solver.prototxt", "net: \"examples/cifar10/cifar10_quick_train_test.prototxt\"\ntest_iter: 100\ntest_interval: 500\nbase_lr: 0.001\nmomentum: 0.9\nweight_decay: 0.004\nlr_policy: \"fixed\"\ndisplay: 100\nmax_iter: 4000\nsnapshot: 4000\nsnapshot_prefix: \"examples/cifar10/cifar10_quick\"\nsolver_mode: GPU" },
        { "models/bvlc_alexnet/solver.prototxt", "net: \"models/bvlc_alexnet/train_val.prototxt\"\ntest_iter: 1000\ntest_interval: 1000\nbase_lr: 0.01\nlr_policy: \"step\"\ngamma: 0.1\nstepsize: 100000\ndisplay: 20\nmax_iter: 450000\nmomentum: 0.9\nweight_decay: 0.0005\nsnapshot: 10000\nsnapshot_prefix: \"models/bvlc_alexnet/caffe_alexnet_train\"\nsolver_mode: GPU" },
        { "models/bvlc_googlenet/quick_solver.prototxt", "net: \"models/bvlc_googlenet/train_val.prototxt\"\ntest_iter: 1000\ntest_interval: 4000\ntest_initialization: false\ndisplay: 40\naverage_loss: 40\nbase_lr: 0.01\nlr_policy: \"poly\"\npower: 0.5\nmax_iter: 2400000\nmomentum: 0.9\nweight_decay: 0.0002\nsnapshot: 40000\nsnapshot_prefix: \"models/bvlc_googlenet/bvlc_googlenet_quick\"\nsolver_mode: GPU" },
    };

    [Theory]
    [MemberData(nameof(BvlcSolvers))]
    public void Check_BvlcExampleSolver_HasNoProblems(string file, string text)
    {
        var problems = LearningRateSchedule.Check(Solver(text));
        Assert.True(problems.Count == 0, $"{file}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void Check_AMillionIterationScan_IsFast()
    {
        // poly computes every iteration (no run of equal rates to skip). Measured as this thread's CPU time, so other
        // builds on the machine do not count: a Release build takes 20-30 ms for the million (2 cores at load 18);
        // this Debug build, where the JIT does not optimise, 35-65 ms, hence the looser bound here.
        var solver = Solver("lr_policy: \"poly\"\nbase_lr: 0.01\npower: 0.9\nmax_iter: 1000000");
        LearningRateSchedule.Check(solver);
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = ThreadCpuTime();
            Assert.Empty(LearningRateSchedule.Check(solver));
            var spent = ThreadCpuTime() - before;
            if (spent < best) best = spent;
        }
        Assert.True(best < TimeSpan.FromMilliseconds(100), $"best of 3: {best.TotalMilliseconds} ms of CPU");
    }

    [Fact]
    public void Check_TwoBillionIterations_IsSampledPastTwentyMillion_AndStillFindsTheEnd()
    {
        // Computed one by one, 2*10^9 poly rates took over a minute; past 2*10^7 they are sampled in windows.
        var solver = Solver("lr_policy: \"poly\"\nbase_lr: 0.01\npower: -0.5\nmax_iter: 2000000000");
        var before = ThreadCpuTime();
        var problems = LearningRateSchedule.Check(solver);
        Assert.True(ThreadCpuTime() - before < TimeSpan.FromSeconds(10), "the sampled scan is bounded");
        Assert.Contains(problems, p => p is { Severity: Severity.Warning, Field: "power" });
        // In float, 1 - iter/max_iter is 0 for the last iterations: a negative power makes those rates +Inf, found in
        // the sampled part.
        var infinite = Assert.Single(problems, p => p.Severity == Severity.Error);
        Assert.True(infinite.FirstIteration > 1_999_000_000, infinite.Message);
        Assert.Contains("then sampled", infinite.Message);
        // A sane schedule of the same length: nothing, and the last iteration's rate is the one computed.
        Assert.Empty(LearningRateSchedule.Check(Solver("lr_policy: \"poly\"\nbase_lr: 0.01\npower: 0.9\nmax_iter: 2000000000")));
    }

    [Fact]
    public void Check_Sampled_InfiniteCount_SaysItIsAnEstimate()
    {
        // 0.01 * 1.00000095^iter (gamma as float) passes float's maximum near iteration 9.8e7: past the exhaustive part.
        var problems = LearningRateSchedule.Check(Solver("lr_policy: \"exp\"\nbase_lr: 0.01\ngamma: 1.000001\nmax_iter: 200000000"));
        var infinite = Assert.Single(problems, p => p.Severity == Severity.Error);
        Assert.InRange(infinite.FirstIteration!.Value, 90_000_000, 110_000_000);
        Assert.Contains("then sampled: the counts beyond are estimates", infinite.Message);
    }

    /// <summary>Linux: the first field of /proc/thread-self/schedstat is the thread's time on a CPU, in ns.
    /// Elsewhere the wall clock, which counts other processes' time too.</summary>
    private static TimeSpan ThreadCpuTime() => File.Exists("/proc/thread-self/schedstat")
        ? TimeSpan.FromTicks(long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0]) / 100)
        : TimeSpan.FromTicks(Stopwatch.GetTimestamp() * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    // ---- Check: problems ----

    private static LearningRateProblem Single(string text)
    {
        var problems = LearningRateSchedule.Check(Solver(text));
        Assert.True(problems.Count == 1, string.Join("\n", problems));
        return problems[0];
    }

    private static void AssertProblem(LearningRateProblem problem, Severity severity, string field, long? first, long? iterations)
    {
        Assert.True(problem.Severity == severity && problem.Field == field && problem.FirstIteration == first && problem.Iterations == iterations,
            $"expected {severity} {field} first {first} iterations {iterations}, got {problem}");
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Theory]
    [InlineData("base_lr: 0.01\nmax_iter: 100", "lr_policy is not set")]
    [InlineData("lr_policy: \"\"\nbase_lr: 0.01\nmax_iter: 100", "lr_policy is not set")]
    [InlineData("lr_policy: \"Step\"\nbase_lr: 0.01\nmax_iter: 100", "\"Unknown learning rate policy: Step\"")]
    [InlineData("lr_policy: \"cosine\"\nbase_lr: 0.01\nmax_iter: 100", "\"Unknown learning rate policy: cosine\"")]
    public void Check_UnknownOrMissingPolicy_IsAnErrorAtIterationZero(string text, string quoted)
    {
        var problem = Single(text);
        AssertProblem(problem, Severity.Error, "lr_policy", 0, null);
        Assert.Contains(quoted, problem.Message);
    }

    [Theory]
    [InlineData("lr_policy: \"step\"\ngamma: 0.1", "stepsize", "this->param_.stepsize() > 0 (0 vs. 0)")]
    [InlineData("lr_policy: \"step\"\ngamma: 0.1\nstepsize: -5", "stepsize", "this->param_.stepsize() > 0 (-5 vs. 0)")]
    [InlineData("lr_policy: \"step\"\ngamma: -0.1\nstepsize: 100", "gamma", "this->param_.gamma() >= 0 (-0.1 vs. 0)")]
    [InlineData("lr_policy: \"exp\"\ngamma: -0.5", "gamma", "this->param_.gamma() >= 0 (-0.5 vs. 0)")]
    [InlineData("lr_policy: \"exp\"\ngamma: nan", "gamma", "this->param_.gamma() >= 0 (NaN vs. 0)")]
    // The brief had inv with a negative gamma as a rising schedule; Caffe since c23b356 CHECKs gamma >= 0 for inv too.
    [InlineData("lr_policy: \"inv\"\ngamma: -0.0001\npower: 0.75", "gamma", "this->param_.gamma() >= 0 (-0.0001 vs. 0)")]
    [InlineData("lr_policy: \"multistep\"\ngamma: -0.1\nstepvalue: 100", "gamma", "this->param_.gamma() >= 0 (-0.1 vs. 0)")]
    [InlineData("lr_policy: \"sigmoid\"\ngamma: -0.01\nstepsize: 100", "gamma", "this->param_.gamma() >= 0 (-0.01 vs. 0)")]
    [InlineData("lr_policy: \"sigmoid\"\ngamma: 0.01", "stepsize", "this->param_.stepsize() > 0 (0 vs. 0)")]
    public void Check_FailingCaffeCheck_IsAnErrorQuotingIt(string policyLines, string field, string check)
    {
        var problem = Single("base_lr: 0.01\nmax_iter: 1000\n" + policyLines);
        AssertProblem(problem, Severity.Error, field, 0, null);
        Assert.Contains("Check failed: " + check, problem.Message);
    }

    [Fact]
    public void Check_SigmoidFailingBothChecks_GivesBothInCaffesOrder()
    {
        var problems = LearningRateSchedule.Check(Solver("lr_policy: \"sigmoid\"\nbase_lr: 0.01\ngamma: -1\nmax_iter: 100"));
        Assert.Equal(["gamma", "stepsize"], problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.Equal(Severity.Error, p.Severity));
    }

    [Fact]
    public void Check_PolyWithoutMaxIter_IsNaNAtZeroThenInfinite()
    {
        var problems = LearningRateSchedule.Check(Solver("lr_policy: \"poly\"\nbase_lr: 0.01\npower: 0.9"));
        Assert.Equal(2, problems.Count);
        // iter 0: 1 - 0/0 = NaN. iter >= 1: 1 - iter/0 = -inf, powf(-inf, 0.9) = +inf.
        AssertProblem(problems[0], Severity.Error, "max_iter", 0, 1);
        Assert.StartsWith("lr_policy \"poly\" without max_iter: the rate (base_lr * (1 - iter/max_iter)^power) is NaN from iteration 0", problems[0].Message);
        AssertProblem(problems[1], Severity.Error, "max_iter", 1, 999_999);
        Assert.Contains("+Inf", problems[1].Message);
    }

    [Fact]
    public void Check_PolyWithoutMaxIterWithOddPower_IsMinusInfinity()
    {
        var problems = LearningRateSchedule.Check(Solver("lr_policy: \"poly\"\nbase_lr: 0.01\npower: 1"));
        // powf(-inf, 1) = -inf: infinite (not counted again as negative).
        Assert.Equal(2, problems.Count);
        AssertProblem(problems[1], Severity.Error, "max_iter", 1, 999_999);
        Assert.Contains("-Inf", problems[1].Message);
    }

    [Fact]
    public void Check_ExpGammaAboveOne_OverflowsToInfAndRises()
    {
        var problems = LearningRateSchedule.Check(Solver("lr_policy: \"exp\"\nbase_lr: 0.01\ngamma: 1.001\nmax_iter: 100000"));
        Assert.Equal(2, problems.Count);
        // 0.01 * 1.001^i passes FLT_MAX (3.4028235e38) at i = 93371: ln(3.4e40) / ln(1.001) = 93.33 / 0.0009995.
        AssertProblem(problems[0], Severity.Error, "gamma", 93371, 100000 - 93371);
        Assert.StartsWith("lr_policy \"exp\" with gamma 1.001 > 1: the rate (base_lr * gamma^iter) is +Inf from iteration 93371", problems[0].Message);
        // Every iteration 1 .. 93371 sets a new maximum (x1.001 is ~8400 ulps).
        AssertProblem(problems[1], Severity.Warning, "gamma", 1, 93371);
    }

    [Fact]
    public void Check_StepGammaAboveOne_RisesAtEachStep()
    {
        var problem = Single("lr_policy: \"step\"\nbase_lr: 0.01\ngamma: 10\nstepsize: 1000\nmax_iter: 5000");
        // 0.01, 0.1, 1, 10, 100 at 0, 1000, 2000, 3000, 4000: four rises, no overflow.
        AssertProblem(problem, Severity.Warning, "gamma", 1000, 4);
        Assert.Contains("from 0.01 at iteration 0 to 100 at iteration 4000", problem.Message);
    }

    [Fact]
    public void Check_MultistepGammaAboveOne_Rises()
    {
        var problem = Single("lr_policy: \"multistep\"\nbase_lr: 0.01\ngamma: 2\nstepvalue: 100\nstepvalue: 200\nmax_iter: 300");
        AssertProblem(problem, Severity.Warning, "gamma", 100, 2);
    }

    [Fact]
    public void Check_InvNegativePower_Rises()
    {
        var problem = Single("lr_policy: \"inv\"\nbase_lr: 0.01\ngamma: 0.0001\npower: -0.75\nmax_iter: 10000");
        // (1 + 0.0001 i)^0.75 grows by at least 0.0000375 a step (300 ulps): every iteration 1 .. 9999 is a new high.
        AssertProblem(problem, Severity.Warning, "power", 1, 9999);
    }

    [Fact]
    public void Check_PolyNegativePower_Rises()
    {
        var problem = Single("lr_policy: \"poly\"\nbase_lr: 0.01\npower: -1\nmax_iter: 1000");
        // 0.01 / (1 - i/1000): 0.01 at 0 to 10 at 999.
        AssertProblem(problem, Severity.Warning, "power", 1, 999);
    }

    [Fact]
    public void Check_SigmoidPositiveGamma_ItsOnlyForm_IsAWarmUpNotAProblem()
    {
        // Caffe's CHECK_GE(gamma, 0) leaves sigmoid no decaying form: it climbs to base_lr and never past it.
        var solver = Solver("lr_policy: \"sigmoid\"\nbase_lr: 0.01\ngamma: 0.01\nstepsize: 1000\nmax_iter: 5000");
        Assert.Empty(LearningRateSchedule.Check(solver));
        var rates = LearningRateSchedule.Rates(solver, 5000).ToArray();
        Assert.True(rates[^1] > rates[0] && rates.All(r => r <= 0.01f));
    }

    [Fact]
    public void Check_NegativeBaseLr_IsAnErrorForEveryIteration()
    {
        var problem = Single("lr_policy: \"fixed\"\nbase_lr: -0.01\nmax_iter: 4000");
        AssertProblem(problem, Severity.Error, "base_lr", 0, 4000);
        Assert.StartsWith("base_lr -0.01: the rate is negative (-0.01 at iteration 0", problem.Message);
    }

    [Fact]
    public void Check_NaNBaseLr_IsNaNEverywhere() =>
        AssertProblem(Single("lr_policy: \"inv\"\nbase_lr: nan\ngamma: 0.0001\npower: 0.75\nmax_iter: 100"), Severity.Error, "base_lr", 0, 100);

    [Theory]
    [InlineData("lr_policy: \"fixed\"\nmax_iter: 4000", "base_lr is not set, so it is 0")]
    [InlineData("lr_policy: \"fixed\"\nbase_lr: 0\nmax_iter: 4000", "base_lr is 0")]
    public void Check_ZeroBaseLr_IsAWarning(string text, string start)
    {
        var problem = Single(text);
        AssertProblem(problem, Severity.Warning, "base_lr", 0, 4000);
        Assert.StartsWith(start, problem.Message);
    }

    [Fact]
    public void Check_MaxIterUnset_IsAWarningForCaffeTrain()
    {
        var problem = Single("lr_policy: \"fixed\"\nbase_lr: 0.01");
        AssertProblem(problem, Severity.Warning, "max_iter", null, null);
        Assert.Contains("runs no iteration", problem.Message);
    }

    [Theory]
    // step without gamma: 0.01 * 0^0 = 0.01 until 100, 0.01 * 0^1 = 0 from 100 on (900 of 1000 iterations).
    [InlineData("lr_policy: \"step\"\nstepsize: 100", "gamma", 100L, 900L)]
    // exp without gamma: 0^0 = 1 at iteration 0, 0 from iteration 1.
    [InlineData("lr_policy: \"exp\"", "gamma", 1L, 999L)]
    [InlineData("lr_policy: \"inv\"\npower: 0.75", "gamma", null, null)]
    [InlineData("lr_policy: \"inv\"\ngamma: 0.0001", "power", null, null)]
    [InlineData("lr_policy: \"multistep\"\ngamma: 0.1", "stepvalue", null, null)]
    [InlineData("lr_policy: \"multistep\"\nstepvalue: 300\nstepvalue: 600", "gamma", 300L, 700L)]
    [InlineData("lr_policy: \"poly\"", "power", null, null)]
    [InlineData("lr_policy: \"sigmoid\"\nstepsize: 100", "gamma", null, null)]
    public void Check_MissingParameterThatOnlyFlattensThePolicy_IsAWarning(string policyLines, string field, long? first, long? iterations)
    {
        var problem = Single("base_lr: 0.01\nmax_iter: 1000\n" + policyLines);
        AssertProblem(problem, Severity.Warning, field, first, iterations);
        Assert.Contains($"without {field}", problem.Message);
    }

    [Fact]
    public void Check_MultistepStepvaluesOutOfOrder_WarnsWithTheIterationCaffeAppliesIt()
    {
        var problem = Single("lr_policy: \"multistep\"\nbase_lr: 0.01\ngamma: 0.1\nstepvalue: 200\nstepvalue: 100\nstepvalue: 300\nmax_iter: 1000");
        // 200 is passed at 200; 100 is then already behind, applied at the next call: 201.
        AssertProblem(problem, Severity.Warning, "stepvalue", 201, null);
        Assert.Contains("at iteration 201 instead of at 100", problem.Message);
    }

    [Fact]
    public void Check_MultistepStepvalueBeyondMaxIter_IsNeverReached()
    {
        var problem = Single("lr_policy: \"multistep\"\nbase_lr: 0.01\ngamma: 0.1\nstepvalue: 5000\nstepvalue: 12000\nmax_iter: 10000");
        AssertProblem(problem, Severity.Warning, "stepvalue", null, null);
        Assert.StartsWith("stepvalue 12000 is not below max_iter 10000", problem.Message);
    }

    [Fact]
    public void Check_ErrorsComeBeforeWarnings()
    {
        // Negative base_lr (error) and an out-of-order stepvalue (warning).
        var problems = LearningRateSchedule.Check(Solver("lr_policy: \"multistep\"\nbase_lr: -0.01\ngamma: 0.1\nstepvalue: 200\nstepvalue: 100\nmax_iter: 1000"));
        Assert.Equal([Severity.Error, Severity.Warning], problems.Select(p => p.Severity));
    }
}
