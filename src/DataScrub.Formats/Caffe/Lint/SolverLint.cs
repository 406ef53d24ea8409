using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>Lints a solver: its learning-rate policy (<c>lr-policy</c>, computed as Caffe's SGD solver does), its
/// train net (exactly one, and present), and a suggestion or two.</summary>
public static class SolverLint
{
    /// <summary>The iterations at which the section shows the rate: the first, each quarter, the last.</summary>
    private static readonly double[] Shown = [0, 0.25, 0.5, 0.75, 1];

    public static (IReadOnlyList<Finding> Findings, DefinitionSection Section, TrainNet? Net) Check(SolverDefinition solver, LintContext context)
    {
        var s = solver.Solver;
        var findings = new List<Finding>();
        foreach (var problem in LearningRateSchedule.Check(s))
        {
            var field = SolverParameter.Descriptor.FindFieldByName(problem.Field);
            // A missing parameter has no line: the policy's line is where it is missing from.
            var line = (field is null ? null : solver.Document.Locations.Of(s, field.FieldNumber)?.Line)
                ?? solver.Document.Locations.Of(s, SolverParameter.LrPolicyFieldNumber)?.Line;
            findings.Add(DefinitionFinding.At(FindingKinds.LrPolicy, solver.Path, line, problem.Field, problem.Message, problem.Severity));
        }
        var net = TrainNetOf(solver, context, findings);
        var iterations = s.MaxIter > 0 ? s.MaxIter : LearningRateSchedule.UnsetMaxIterIterations;
        var shownAt = Shown.Select(q => Math.Min(iterations - 1, (long)(q * iterations))).Distinct().ToList();
        var rates = new List<KeyValuePair<long, float>>();
        try
        {
            // Each at its iteration, not by walking the schedule: GoogLeNet's solver runs 10^7 iterations.
            rates.AddRange(shownAt.Where(i => i <= int.MaxValue).Select(i => KeyValuePair.Create(i, LearningRateSchedule.RateAt(s, i))));
        }
        catch (ArgumentException)
        {
            // Caffe stops before its first rate (an unknown policy, a failed CHECK): Check said so; there are no rates.
        }
        var suggestions = new List<string>();
        if (!s.DebugInfo)
            suggestions.Add("while chasing a NaN, set debug_info: true in the solver: Caffe then logs each layer's data and gradient magnitudes every iteration, and the first layer to turn NaN shows");
        var section = new DefinitionSection(solver.Kind, PhaseName(context.Phase))
        {
            LrPolicy = s.LrPolicy,
            BaseLr = s.BaseLr,
            Iterations = iterations,
            Rates = rates,
            TrainNet = net?.Describe(),
            Suggestions = suggestions,
        };
        return (findings, section, net);
    }

    public static string PhaseName(Phase phase) => phase == Phase.Train ? "TRAIN" : "TEST";

    /// <summary>Caffe's <c>Solver::InitTrainNet</c>: exactly one of train_net_param, train_net, net_param and net.</summary>
    private static TrainNet? TrainNetOf(SolverDefinition solver, LintContext context, List<Finding> findings)
    {
        var s = solver.Solver;
        var given = new List<(string Field, int Number)>();
        if (s.TrainNetParam is not null) given.Add(("train_net_param", SolverParameter.TrainNetParamFieldNumber));
        if (s.HasTrainNet) given.Add(("train_net", SolverParameter.TrainNetFieldNumber));
        if (s.NetParam is not null) given.Add(("net_param", SolverParameter.NetParamFieldNumber));
        if (s.HasNet) given.Add(("net", SolverParameter.NetFieldNumber));
        if (given.Count != 1)
        {
            findings.Add(DefinitionFinding.At(FindingKinds.MissingDataSource, solver.Path, given.Count == 0 ? null : solver.Document.LineOf(s, given[1].Number), "net",
                given.Count == 0 ? "the solver names no net (net, net_param, train_net or train_net_param): Caffe stops at \"SolverParameter must specify a train net\""
                    : $"the solver gives {string.Join(", ", given.Select(g => g.Field))}: Caffe stops at \"SolverParameter must not contain more than one of these\""));
            if (given.Count == 0) return null;
        }
        var (field, number) = given[0];
        var state = s.TrainState;
        switch (field)
        {
            case "train_net_param": return new TrainNet(null, s.TrainNetParam, field, state);
            case "net_param": return new TrainNet(null, s.NetParam, field, state);
        }
        var written = field == "net" ? s.Net : s.TrainNet;
        var path = CaffePaths.Resolve(written, context.WorkDirectory);
        if (!File.Exists(path))
        {
            findings.Add(DataSourceCheck.Missing(solver, solver.Document.LineOf(s, number), field, $"the solver's {field}", written, path));
            return null;
        }
        return new TrainNet(path, null, field, state);
    }
}

/// <summary>The net a solver trains: a file (<see cref="Path"/>) or inline (<see cref="Inline"/>), and the solver's
/// train_state, which Caffe merges into the net's state.</summary>
public sealed record TrainNet(string? Path, NetParameter? Inline, string Field, NetState? State)
{
    /// <summary>The net file as reports name it: relative to the current directory when it lies under it.</summary>
    public string? Shown => Path is null ? null : CaffePaths.Shown(Path);

    public string Describe() => Shown ?? $"inline ({Field})";
}
