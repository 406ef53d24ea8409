using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// <c>batchnorm-eps</c>: BatchNorm divides by sqrt(variance + eps). eps at or below 0 divides a constant channel (a
/// padded border, a dead ReLU) by 0: an error; below 1e-8 it is lost in float rounding against a variance near 1:
/// a warning. <c>use_global_stats: true</c> while training normalises with the running statistics, which start at
/// 0: a warning for a layer in the checked phase's net when that phase is TRAIN.
/// </summary>
public sealed class BatchNormEpsCheck : INetCheck
{
    public const float SmallestEps = 1e-8f;

    public IEnumerable<Finding> Check(NetDefinition net, LintContext context)
    {
        var training = context.Phase == Phase.Train ? net.LayersIn(context.StateFor(net)).ToHashSet() : [];
        foreach (var layer in net.Layers.Where(l => l.Type == "BatchNorm"))
        {
            var param = layer.Layer.BatchNormParam;
            var eps = param is { HasEps: true } ? param.Eps : 1e-5f;
            var line = param is { HasEps: true } ? net.Document.LineOf(param, BatchNormParameter.EpsFieldNumber) : net.Document.LineOf(layer.Written);
            if (!(eps > 0))
                yield return DefinitionFinding.At(FindingKinds.BatchNormEps, net.Path, line, $"layer[{layer.Name}].batch_norm_param.eps",
                    $"{layer}: eps {Text(eps)}: a channel with zero variance divides by {(float.IsNaN(eps) ? "NaN" : "0")} (use 1e-5, Caffe's default)", Severity.Error);
            else if (eps < SmallestEps)
                yield return DefinitionFinding.At(FindingKinds.BatchNormEps, net.Path, line, $"layer[{layer.Name}].batch_norm_param.eps",
                    $"{layer}: eps {Text(eps)} is below 1e-8: against a variance near 1 it vanishes in float, and a near-constant channel is scaled by up to {1 / Math.Sqrt(eps):G3}");
            if (param is { HasUseGlobalStats: true, UseGlobalStats: true } && training.Contains(layer))
                yield return DefinitionFinding.At(FindingKinds.BatchNormEps, net.Path, net.Document.LineOf(param, BatchNormParameter.UseGlobalStatsFieldNumber),
                    $"layer[{layer.Name}].batch_norm_param.use_global_stats",
                    $"{layer}: use_global_stats: true in the TRAIN net normalises with the running statistics instead of the batch's; they start at 0 and are never updated");
        }
    }

    private static string Text(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
