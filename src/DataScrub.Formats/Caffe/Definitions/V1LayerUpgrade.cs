using DataScrub.Formats.Caffe.Proto;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>
/// The legacy <c>layers { type: CONVOLUTION ... }</c> form (V1LayerParameter) as a LayerParameter, as Caffe's
/// <c>UpgradeV1LayerParameter</c> does for what DataScrub reads: the type enum becomes its layer name, and every field
/// both messages have with the same name and type (name, bottom, top, include, exclude, loss_weight and the
/// <c>*_param</c> messages) is copied. Per-blob learning rates (<c>blobs_lr</c>) are not: nothing here reads them.
/// </summary>
public static class V1LayerUpgrade
{
    public static LayerParameter Upgrade(V1LayerParameter v1)
    {
        var layer = new LayerParameter { Type = TypeName(v1.Type) };
        foreach (var from in V1LayerParameter.Descriptor.Fields.InFieldNumberOrder())
        {
            if (from.Name == "type" || LayerParameter.Descriptor.FindFieldByName(from.Name) is not { } to || !SameType(from, to)) continue;
            if (from.IsRepeated)
            {
                var list = (System.Collections.IList)to.Accessor.GetValue(layer);
                foreach (var item in (System.Collections.IList)from.Accessor.GetValue(v1)) list.Add(item);
            }
            else if (from.Accessor.HasValue(v1))
            {
                to.Accessor.SetValue(layer, from.Accessor.GetValue(v1));
            }
        }
        return layer;
    }

    private static bool SameType(FieldDescriptor a, FieldDescriptor b) =>
        a.FieldType == b.FieldType && a.IsRepeated == b.IsRepeated
        && (a.FieldType is not (FieldType.Message or FieldType.Group) || a.MessageType.FullName == b.MessageType.FullName)
        && (a.FieldType != FieldType.Enum || a.EnumType.FullName == b.EnumType.FullName);

    /// <summary>Caffe's <c>UpgradeV1LayerType</c>: the V1 enum's layer names.</summary>
    public static string TypeName(V1LayerParameter.Types.LayerType type) =>
        Names.TryGetValue(V1LayerParameter.Descriptor.FindFieldByName("type").EnumType.FindValueByNumber((int)type)?.Name ?? "", out var name) ? name : "";

    private static readonly Dictionary<string, string> Names = new()
    {
        ["NONE"] = "", ["ABSVAL"] = "AbsVal", ["ACCURACY"] = "Accuracy", ["ARGMAX"] = "ArgMax", ["BNLL"] = "BNLL",
        ["CONCAT"] = "Concat", ["CONTRASTIVE_LOSS"] = "ContrastiveLoss", ["CONVOLUTION"] = "Convolution",
        ["DECONVOLUTION"] = "Deconvolution", ["DATA"] = "Data", ["DROPOUT"] = "Dropout", ["DUMMY_DATA"] = "DummyData",
        ["EUCLIDEAN_LOSS"] = "EuclideanLoss", ["ELTWISE"] = "Eltwise", ["EXP"] = "Exp", ["FLATTEN"] = "Flatten",
        ["HDF5_DATA"] = "HDF5Data", ["HDF5_OUTPUT"] = "HDF5Output", ["HINGE_LOSS"] = "HingeLoss", ["IM2COL"] = "Im2col",
        ["IMAGE_DATA"] = "ImageData", ["INFOGAIN_LOSS"] = "InfogainLoss", ["INNER_PRODUCT"] = "InnerProduct", ["LRN"] = "LRN",
        ["MEMORY_DATA"] = "MemoryData", ["MULTINOMIAL_LOGISTIC_LOSS"] = "MultinomialLogisticLoss", ["MVN"] = "MVN",
        ["POOLING"] = "Pooling", ["POWER"] = "Power", ["RELU"] = "ReLU", ["SIGMOID"] = "Sigmoid",
        ["SIGMOID_CROSS_ENTROPY_LOSS"] = "SigmoidCrossEntropyLoss", ["SILENCE"] = "Silence", ["SOFTMAX"] = "Softmax",
        ["SOFTMAX_LOSS"] = "SoftmaxWithLoss", ["SPLIT"] = "Split", ["SLICE"] = "Slice", ["TANH"] = "TanH",
        ["WINDOW_DATA"] = "WindowData", ["THRESHOLD"] = "Threshold",
    };
}
