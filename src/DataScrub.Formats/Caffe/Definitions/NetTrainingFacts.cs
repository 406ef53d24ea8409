using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>
/// What a net says about the data it trains on, for <c>scan --net</c>: the data layers' sources and settings, the
/// number of classes (the <c>num_output</c> of the last InnerProduct, Convolution or Deconvolution feeding the loss),
/// the loss's ignore_label, and whether the loss normalises by the classes of each batch.
/// </summary>
public sealed record NetTrainingFacts(
    IReadOnlyList<DataLayerSource> Sources,
    IReadOnlyList<string> NotScanned,
    long? NumClasses,
    string? NumClassesFrom,
    NetLayer? Loss,
    bool BatchNormalizedLoss,
    string? BatchNormalizedBecause,
    long? IgnoreLabel)
{
    /// <summary>Loss layers whose labels are class indices (SoftmaxWithLoss's K-way softmax and its kin).</summary>
    private static readonly HashSet<string> ClassLosses = ["SoftmaxWithLoss", "InfogainLoss", "MultinomialLogisticLoss"];

    /// <summary>Layers whose top has the channels of their first bottom: the walk back to num_output goes through them.</summary>
    private static readonly HashSet<string> ChannelPreserving =
        ["ReLU", "PReLU", "ELU", "Dropout", "BatchNorm", "Scale", "Bias", "Softmax", "Sigmoid", "TanH", "Power", "AbsVal", "BNLL",
         "Exp", "Log", "Threshold", "Crop", "Split", "Eltwise", "Pooling", "LRN", "MVN", "Clip", "Swish"];

    public static NetTrainingFacts Of(NetDefinition net, IReadOnlyList<NetLayer> layers, string workDirectory)
    {
        var loss = layers.LastOrDefault(l => ClassLosses.Contains(l.Type) || DiceReason(l) is not null);
        var sources = new List<DataLayerSource>();
        var notScanned = new List<string>();
        foreach (var layer in layers)
        {
            if (SourceOf(layer, loss, workDirectory) is { } source) sources.Add(source);
            else if (IsDataLayer(layer)) notScanned.Add($"{layer}: {WhyNotScanned(layer)}");
        }
        var (classes, from) = loss is null ? (null, null) : NumOutputFeeding(layers, loss);
        var dice = loss is null ? null : DiceReason(loss);
        long? ignore = loss?.Layer.LossParam is { HasIgnoreLabel: true } p ? p.IgnoreLabel : null;
        return new NetTrainingFacts(sources, notScanned, classes, from, loss, dice is not null, dice, ignore);
    }

    public static bool IsDataLayer(NetLayer layer) => layer.Layer.Bottom.Count == 0 && layer.Type.EndsWith("Data", StringComparison.Ordinal);

    private static string WhyNotScanned(NetLayer layer) => layer.Type switch
    {
        "WindowData" => "R-CNN window files are not a format DataScrub reads",
        "MemoryData" or "DummyData" => "it holds no dataset (its data comes from code or is generated)",
        _ => "not a data layer DataScrub reads (Data, ImageData and HDF5Data are)",
    };

    /// <summary>Why a loss normalises by the classes of each batch (a class missing from a batch divides 0 by 0), or null.</summary>
    private static string? DiceReason(NetLayer layer)
    {
        if (layer.Type.Contains("Dice", StringComparison.OrdinalIgnoreCase)) return $"{layer} is a Dice loss";
        if (layer.Type == "Python" && layer.Layer.PythonParam is { } python
            && (python.Layer.Contains("dice", StringComparison.OrdinalIgnoreCase) || python.Module.Contains("dice", StringComparison.OrdinalIgnoreCase)))
            return $"{layer} is the Python Dice loss {python.Module}.{python.Layer}";
        return null;
    }

    private static DataLayerSource? SourceOf(NetLayer layer, NetLayer? loss, string workDirectory)
    {
        var l = layer.Layer;
        var transform = l.TransformParam;
        switch (layer.Type)
        {
            case "Data" when l.DataParam is { HasSource: true } data:
            {
                var format = data.Backend == DataParameter.Types.DB.Lmdb ? "lmdb" : "leveldb";
                var crop = transform is { HasCropSize: true } ? (int)transform.CropSize : (int)data.CropSize;
                var mean = transform is { HasMeanFile: true } ? transform.MeanFile : data.HasMeanFile ? data.MeanFile : null;
                return new DataLayerSource(layer, data.Source, CaffePaths.Resolve(data.Source, workDirectory), format, (int)data.BatchSize, crop,
                    mean is null ? null : CaffePaths.Resolve(mean, workDirectory), null, null, null);
            }
            case "ImageData" when l.ImageDataParam is { HasSource: true } image:
            {
                // Caffe resizes to new_height x new_width before it crops: then no image is smaller than the crop.
                var resized = image.NewHeight > 0 && image.NewWidth > 0;
                var crop = resized ? 0 : transform is { HasCropSize: true } ? (int)transform.CropSize : (int)image.CropSize;
                var mean = transform is { HasMeanFile: true } ? transform.MeanFile : image.HasMeanFile ? image.MeanFile : null;
                // Caffe opens root_folder + line: without a root_folder, the listed paths are opened from where it runs.
                var root = image.HasRootFolder && image.RootFolder.Length > 0 ? CaffePaths.Resolve(image.RootFolder, workDirectory) : workDirectory;
                return new DataLayerSource(layer, image.Source, CaffePaths.Resolve(image.Source, workDirectory), "images", (int)image.BatchSize, crop,
                    mean is null ? null : CaffePaths.Resolve(mean, workDirectory), root, null, null);
            }
            case "HDF5Data" when l.Hdf5DataParam is { HasSource: true } hdf5:
            {
                var label = loss is { Layer.Bottom.Count: > 1 } && l.Top.Contains(loss.Layer.Bottom[1]) ? loss.Layer.Bottom[1]
                    : l.Top.Contains("label") ? "label" : null;
                return new DataLayerSource(layer, hdf5.Source, CaffePaths.Resolve(hdf5.Source, workDirectory), "hdf5", (int)hdf5.BatchSize, 0, null, null,
                    [.. l.Top.Where(t => t != label)], label);
            }
            default:
                return null;
        }
    }

    /// <summary>The num_output of the last InnerProduct, Convolution or Deconvolution before <paramref name="loss"/> that
    /// produces its first bottom, through layers that keep the channel count.</summary>
    private static (long?, string?) NumOutputFeeding(IReadOnlyList<NetLayer> layers, NetLayer loss)
    {
        if (loss.Layer.Bottom.Count == 0) return (null, null);
        var blob = loss.Layer.Bottom[0];
        var before = loss.Index;
        for (var steps = 0; steps < layers.Count; steps++)
        {
            var producer = layers.LastOrDefault(l => l.Index < before && l.Layer.Top.Contains(blob));
            if (producer is null) return (null, null);
            switch (producer.Type)
            {
                case "InnerProduct" when producer.Layer.InnerProductParam is { HasNumOutput: true } ip:
                    return (ip.NumOutput, producer.ToString());
                case "Convolution" or "Deconvolution" when producer.Layer.ConvolutionParam is { HasNumOutput: true } conv:
                    return (conv.NumOutput, producer.ToString());
            }
            if (!ChannelPreserving.Contains(producer.Type) || producer.Layer.Bottom.Count == 0) return (null, null);
            blob = producer.Layer.Bottom[0];
            before = producer.Index;
        }
        return (null, null);
    }
}
