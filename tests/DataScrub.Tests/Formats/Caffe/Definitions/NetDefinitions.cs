using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;

namespace DataScrub.Tests.Formats.Caffe.Definitions;

/// <summary>Nets built in code for the checks' unit tests (no parser: no lines).</summary>
internal static class NetDefinitions
{
    public static NetDefinition Of(params LayerParameter[] layers)
    {
        var net = new NetParameter { Name = "test" };
        net.Layer.AddRange(layers);
        return new NetDefinition(new PrototxtDocument<NetParameter>("net.prototxt", net, new TextFormatLocations(), []));
    }

    public static LayerParameter Layer(string name, string type, string[] bottom, string[] top, Action<LayerParameter>? set = null)
    {
        var layer = new LayerParameter { Name = name, Type = type };
        layer.Bottom.AddRange(bottom);
        layer.Top.AddRange(top);
        set?.Invoke(layer);
        return layer;
    }
}
