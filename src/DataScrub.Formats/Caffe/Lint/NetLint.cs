using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>Lints a net: every <see cref="INetCheck"/>, then what it says about its training data (for the section
/// and for <c>scan --net</c>) and a suggestion where to check for non-finite values.</summary>
public static class NetLint
{
    /// <summary>The checks, in the order their findings are made (a report lists them by line).</summary>
    public static IReadOnlyList<INetCheck> Checks { get; } =
        [new DataSourceCheck(), new PoolStrideCheck(), new InfogainMatrixCheck(), new BatchNormEpsCheck(), new LossWeightCheck()];

    public static (IReadOnlyList<Finding> Findings, DefinitionSection Section, NetTrainingFacts Facts) Check(NetDefinition net, LintContext context)
    {
        var findings = Checks.SelectMany(c => c.Check(net, context)).ToList();
        var inPhase = net.LayersIn(context.StateFor(net));
        var facts = NetTrainingFacts.Of(net, inPhase, context.WorkDirectory);
        var suggestions = new List<string>();
        if (facts.Loss is { } loss && loss.Layer.Bottom.Count > 0)
            suggestions.Add($"a finiteness check belongs on '{loss.Layer.Bottom[0]}', the input of {loss}: a NaN there comes from the layers above it, one in the loss from the data or the labels");
        if (net.Layers.Count > 0 && net.Layers.All(l => l.Legacy))
            suggestions.Add("this net uses the legacy 'layers {}' form: Caffe upgrades it on load (upgrade_net_proto_text writes the current form)");
        var section = new DefinitionSection(net.Kind, SolverLint.PhaseName(context.Phase))
        {
            Layers = net.Layers.Count,
            LayersInPhase = inPhase.Count,
            Facts = facts,
            Suggestions = suggestions,
        };
        return (findings, section, facts);
    }
}
