using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// <c>loss-weight</c>: the losses of the checked phase's net, each weighted as Caffe weighs it (<c>loss_weight</c>
/// per top, else 1 on the first top of a *Loss layer), where one weight is more than 100 times another: that
/// branch's gradients swamp the rest and overflow first. A NaN or infinite weight makes the total loss NaN: an error.
/// </summary>
public sealed class LossWeightCheck : INetCheck
{
    public const double MaxRatio = 100;

    public IEnumerable<Finding> Check(NetDefinition net, LintContext context)
    {
        var weights = new List<(NetLayer Layer, float Weight)>();
        foreach (var layer in net.LayersIn(context.StateFor(net)))
        {
            if (layer.Layer.LossWeight.Count > 0)
            {
                foreach (var w in layer.Layer.LossWeight)
                {
                    if (!float.IsFinite(w))
                        yield return DefinitionFinding.At(FindingKinds.LossWeight, net.Path, Line(net, layer), $"layer[{layer.Name}].loss_weight",
                            $"{layer}: loss_weight {w}: the total loss is NaN", Severity.Error);
                    else if (w != 0) weights.Add((layer, w));
                }
            }
            else if (layer.Type.EndsWith("Loss", StringComparison.Ordinal))
            {
                weights.Add((layer, 1f));
            }
        }
        if (weights.Count < 2) yield break;
        var smallest = weights.MinBy(w => Math.Abs(w.Weight));
        foreach (var (layer, weight) in weights.Where(w => Math.Abs(w.Weight) > MaxRatio * Math.Abs(smallest.Weight)).DistinctBy(w => w.Layer.Index))
            yield return DefinitionFinding.At(FindingKinds.LossWeight, net.Path, Line(net, layer), $"layer[{layer.Name}].loss_weight",
                $"{layer}: loss_weight {weight:G6} is {Math.Abs(weight / smallest.Weight):G4} times the {smallest.Weight:G6} of {smallest.Layer}: its gradients swamp the other loss");
    }

    private static int? Line(NetDefinition net, NetLayer layer) =>
        net.Document.LineOf(layer.Written, layer.FieldNumberOf(LayerParameter.LossWeightFieldNumber));
}
