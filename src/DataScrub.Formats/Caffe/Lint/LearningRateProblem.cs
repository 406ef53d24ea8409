using DataScrub.Findings;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// One thing wrong with a solver's learning-rate schedule, as <see cref="LearningRateSchedule.Check"/> finds it.
/// </summary>
/// <param name="Severity">Error: Caffe aborts, or a rate is NaN, infinite or negative. Warning: the schedule runs but
/// does not do what its policy is for (it rises, stays constant, drops to 0, or a step is never reached).</param>
/// <param name="Field">The solver field to blame: <c>lr_policy</c>, <c>base_lr</c>, <c>max_iter</c>, <c>gamma</c>,
/// <c>power</c>, <c>stepsize</c> or <c>stepvalue</c>.</param>
/// <param name="Message">One sentence a user acts on, quoting the value(s) and the iteration.</param>
/// <param name="FirstIteration">The first iteration at which the problem shows in Caffe's run (0 when Caffe aborts
/// at its first update); null when it is about the configuration rather than an iteration.</param>
/// <param name="Iterations">How many of the checked iterations it affects; null when it is not a count.</param>
public sealed record LearningRateProblem(Severity Severity, string Field, string Message, long? FirstIteration, long? Iterations);
