using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Reporting;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// Lints one prototxt file into reports: a net gives its own report; a solver gives its report and, when its train
/// net can be read, the net's (a net written inline in the solver is reported as <c>SOLVER#net_param</c>).
/// <see cref="Facts"/> is what the train net says of its data, for <c>scan --net</c>.
/// </summary>
/// <param name="Unreadable">Why the train net a solver names could not be read (its report then says so), or null.</param>
public sealed record DefinitionLint(IReadOnlyList<DatasetReport> Reports, NetTrainingFacts? Facts, string? Unreadable = null)
{
    /// <exception cref="CaffeDefinitionException">The file (or the net a solver names) cannot be read or parsed.</exception>
    public static DefinitionLint Of(string path, LintContext context, SeverityPolicy severities)
    {
        var reports = new List<DatasetReport>();
        switch (CaffeDefinitionReader.Read(path))
        {
            case SolverDefinition solver:
            {
                var (findings, section, train) = SolverLint.Check(solver, context);
                reports.Add(DatasetReport.OfDefinition(path, solver.Kind, [.. findings, .. UnknownFieldFindings.Of(solver.Document)], section, severities));
                if (train is null) return new DefinitionLint(reports, null);
                NetDefinition net;
                try
                {
                    net = train.Path is not null
                        ? CaffeDefinitionReader.ReadNet(train.Shown!)
                        : new NetDefinition(new PrototxtDocument<Proto.NetParameter>(path, train.Inline!, solver.Document.Locations, []));
                }
                catch (CaffeDefinitionException e)
                {
                    // The solver's own findings stand; the net is reported as unreadable.
                    reports.Add(DatasetReport.NotScanned(train.Shown!, e.Message) with { Definition = true, Format = NetDefinition.KindName, Sections = [] });
                    return new DefinitionLint(reports, null, e.Message);
                }
                var netContext = context with { TrainState = train.State };
                var netLint = NetLint.Check(net, netContext);
                var netFindings = train.Path is null ? netLint.Findings : [.. netLint.Findings, .. UnknownFieldFindings.Of(net.Document)];
                reports.Add(DatasetReport.OfDefinition(train.Shown ?? $"{path}#{train.Field}", net.Kind, netFindings, netLint.Section, severities));
                return new DefinitionLint(reports, netLint.Facts);
            }
            case NetDefinition net:
            {
                var (findings, section, facts) = NetLint.Check(net, context);
                reports.Add(DatasetReport.OfDefinition(path, net.Kind, [.. findings, .. UnknownFieldFindings.Of(net.Document)], section, severities));
                return new DefinitionLint(reports, facts);
            }
            default:
                throw new InvalidOperationException("a definition is a solver or a net");
        }
    }
}
