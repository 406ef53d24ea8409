using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// <c>missing-data-source</c>: a data layer's source, mean file or image root that does not exist where Caffe opens
/// it (relative paths from the directory it runs in). Every data layer is checked, whatever its phase: Caffe builds
/// the test net too, and a missing source stops it. When the path exists relative to the prototxt's own folder
/// instead, the message says so: that is the usual mistake. An ImageData root_folder without its trailing '/' is one
/// too: Caffe prepends it to each listed path without a separator.
/// </summary>
public sealed class DataSourceCheck : INetCheck
{
    public IEnumerable<Finding> Check(NetDefinition net, LintContext context)
    {
        foreach (var layer in net.Layers)
        {
            var l = layer.Layer;
            var (param, sourceField, source) = layer.Type switch
            {
                "Data" when l.DataParam is { } p => ((Google.Protobuf.IMessage)p, Proto.DataParameter.SourceFieldNumber, p.HasSource ? p.Source : null),
                "ImageData" when l.ImageDataParam is { } p => (p, Proto.ImageDataParameter.SourceFieldNumber, p.HasSource ? p.Source : null),
                "HDF5Data" when l.Hdf5DataParam is { } p => (p, Proto.HDF5DataParameter.SourceFieldNumber, p.HasSource ? p.Source : null),
                "WindowData" when l.WindowDataParam is { } p => (p, Proto.WindowDataParameter.SourceFieldNumber, p.HasSource ? p.Source : null),
                _ => ((Google.Protobuf.IMessage?)null, 0, (string?)null),
            };
            var paramName = layer.Type switch { "Data" => "data_param", "ImageData" => "image_data_param", "HDF5Data" => "hdf5_data_param", _ => "window_data_param" };
            if (param is null || source is null)
            {
                if (param is not null || layer.Type is "Data" or "ImageData" or "HDF5Data" or "WindowData")
                    yield return DefinitionFinding.At(FindingKinds.MissingDataSource, net.Path, net.Document.LineOf(layer.Written), $"layer[{layer.Name}].{paramName}.source",
                        $"{layer}: no {paramName}.source: Caffe has no data to open");
                continue;
            }
            var path = CaffePaths.Resolve(source, context.WorkDirectory);
            if (!CaffePaths.Exists(path))
                yield return Missing(net, net.Document.LineOf(param, sourceField), $"layer[{layer.Name}].{paramName}.source", $"{layer}{Phase(l)}: its source", source, path);
            if (l.TransformParam is { HasMeanFile: true } transform && !File.Exists(CaffePaths.Resolve(transform.MeanFile, context.WorkDirectory)))
                yield return Missing(net, net.Document.LineOf(transform, Proto.TransformationParameter.MeanFileFieldNumber), $"layer[{layer.Name}].transform_param.mean_file",
                    $"{layer}{Phase(l)}: its mean file", transform.MeanFile, CaffePaths.Resolve(transform.MeanFile, context.WorkDirectory));
            if (l.ImageDataParam is { HasRootFolder: true, RootFolder.Length: > 0 } image)
            {
                var rootLine = net.Document.LineOf(image, Proto.ImageDataParameter.RootFolderFieldNumber);
                var rootField = $"layer[{layer.Name}].image_data_param.root_folder";
                if (!Directory.Exists(CaffePaths.Resolve(image.RootFolder, context.WorkDirectory)))
                    yield return Missing(net, rootLine, rootField, $"{layer}{Phase(l)}: its root_folder", image.RootFolder, CaffePaths.Resolve(image.RootFolder, context.WorkDirectory));
                else if (!image.RootFolder.EndsWith('/'))
                    // ImageDataLayer opens root_folder + line, with no separator between them.
                    yield return DefinitionFinding.At(FindingKinds.MissingDataSource, net.Path, rootLine, rootField,
                        $"{layer}{Phase(l)}: root_folder \"{image.RootFolder}\" does not end with '/': Caffe joins it to each listed path as is, so it opens \"{image.RootFolder}IMAGE\" and finds no image");
            }
        }
    }

    private static string Phase(Proto.LayerParameter layer) =>
        layer.Include.FirstOrDefault(r => r.HasPhase) is { } rule ? $" ({(rule.Phase == Proto.Phase.Train ? "TRAIN" : "TEST")})" : "";

    /// <summary>A missing-data-source finding for <paramref name="written"/> (resolved to <paramref name="resolved"/>).</summary>
    public static Finding Missing(CaffeDefinition definition, int? line, string field, string what, string written, string resolved)
    {
        var beside = CaffePaths.FoundBesides(written, definition.Path);
        var hint = beside is null ? "" : $"; it exists relative to the prototxt's folder ({beside}), but Caffe opens relative paths from the directory it runs in (--workdir)";
        var where = Path.IsPathRooted(written) ? "" : $" (resolved to {resolved})";
        return DefinitionFinding.At(FindingKinds.MissingDataSource, definition.Path, line, field, $"{what} {written} does not exist{where}{hint}");
    }
}
