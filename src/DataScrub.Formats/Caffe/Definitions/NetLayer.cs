using DataScrub.Formats.Caffe.Proto;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>One layer of a net as Caffe sees it after upgrading: <see cref="Layer"/> is a LayerParameter even when the
/// file used the legacy <c>layers {}</c> form; <see cref="Written"/> is the message the file holds (for its lines).</summary>
public sealed record NetLayer(int Index, LayerParameter Layer, IMessage Written)
{
    public bool Legacy => Written is V1LayerParameter;

    public string Name => Layer.Name;

    public string Type => Layer.Type;

    /// <summary>"layer 'conv1' (Convolution)", for messages.</summary>
    public override string ToString() => $"layer '{Name}' ({Type})";

    /// <summary>The field number in <see cref="Written"/> of a LayerParameter field (legacy layers number theirs differently).</summary>
    public int FieldNumberOf(int layerParameterField)
    {
        if (Written is not V1LayerParameter) return layerParameterField;
        var name = LayerParameter.Descriptor.FindFieldByNumber(layerParameterField)?.Name;
        return name is null ? layerParameterField : V1LayerParameter.Descriptor.FindFieldByName(name)?.FieldNumber ?? layerParameterField;
    }

    /// <summary>Every layer of <paramref name="net"/>: the <c>layer</c> entries, else the legacy <c>layers</c> upgraded.
    /// (Caffe refuses a net that has both; so does DataScrub, by reading only <c>layer</c> then.)</summary>
    public static IReadOnlyList<NetLayer> AllOf(NetParameter net)
    {
        if (net.Layer.Count > 0) return [.. net.Layer.Select((l, i) => new NetLayer(i, l, l))];
        return [.. net.Layers.Select((l, i) => new NetLayer(i, V1LayerUpgrade.Upgrade(l), l))];
    }
}
