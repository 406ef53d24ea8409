using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// <c>infogain-matrix</c>: an InfogainLoss weighs -log(p_k) by H[label, k], read from <c>infogain_loss_param.source</c>
/// (a BlobProto). NaN or Inf in H makes the loss NaN; a negative entry rewards a wrong class without bound (the loss
/// goes to -Inf); rows that do not sum to one constant weigh classes unequally in a way nobody meant (an all-zero row
/// silences its class). A K x K matrix that does not match the net's classes is the CHECK Caffe fails at start-up.
/// An H given as a third bottom is computed by the net: it cannot be judged here.
/// </summary>
public sealed class InfogainMatrixCheck : INetCheck
{
    /// <summary>How far a row's sum may stray from the first row's (relative): float rounding of normalised rows.</summary>
    public const double RowSumTolerance = 1e-3;

    /// <summary>A bound on the matrix read (a 4,096-class H is 64 MB as floats).</summary>
    public const long MaxBytes = 256L << 20;

    public IEnumerable<Finding> Check(NetDefinition net, LintContext context)
    {
        foreach (var layer in net.Layers.Where(l => l.Type == "InfogainLoss" && l.Layer.Bottom.Count < 3))
        {
            var param = layer.Layer.InfogainLossParam;
            var field = $"layer[{layer.Name}].infogain_loss_param.source";
            if (param is not { HasSource: true })
            {
                yield return DefinitionFinding.At(FindingKinds.InfogainMatrix, net.Path, net.Document.LineOf(layer.Written), field,
                    $"{layer}: no infogain_loss_param.source and no third bottom: Caffe stops with \"Infogain matrix source must be specified\"");
                continue;
            }
            var line = net.Document.LineOf(param, InfogainLossParameter.SourceFieldNumber);
            var path = CaffePaths.Resolve(param.Source, context.WorkDirectory);
            if (!File.Exists(path))
            {
                yield return DataSourceCheck.Missing(net, line, field, $"{layer}: the H matrix", param.Source, path);
                continue;
            }
            var (values, dims, error) = Read(path);
            if (error is not null)
            {
                yield return DefinitionFinding.At(FindingKinds.InfogainMatrix, net.Path, line, field, $"{layer}: H {param.Source}: {error}");
                continue;
            }
            foreach (var problem in Problems(values!, dims!, ClassesOf(net, layer)))
                yield return DefinitionFinding.At(FindingKinds.InfogainMatrix, net.Path, line, field, $"{layer}: H {param.Source}: {problem}");
        }
    }

    /// <summary>What is wrong with an H of these values and dimensions, for a net of <paramref name="classes"/> classes (when known).</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<double> values, IReadOnlyList<long> dims, long? classes)
    {
        var k = (long)Math.Round(Math.Sqrt(values.Count));
        if (values.Count == 0 || k * k != values.Count)
        {
            yield return $"{values.Count} values ({string.Join(" x ", dims)}) is not a K x K matrix";
            yield break;
        }
        if (classes is { } K && K != k)
            yield return $"it is {k} x {k} but the net has {K} classes: Caffe's CHECK_EQ(infogain count, num_labels^2) fails";
        var nonFinite = values.Select((v, i) => (v, i)).Where(x => !double.IsFinite(x.v)).ToList();
        if (nonFinite.Count > 0)
            yield return $"{nonFinite.Count} NaN or infinite entr{(nonFinite.Count == 1 ? "y" : "ies")}, the first H[{nonFinite[0].i / k},{nonFinite[0].i % k}] = {nonFinite[0].v}: the loss is NaN for that label";
        var negative = values.Select((v, i) => (v, i)).Where(x => x.v < 0).ToList();
        if (negative.Count > 0)
            yield return $"{negative.Count} negative entr{(negative.Count == 1 ? "y" : "ies")}, the first H[{negative[0].i / k},{negative[0].i % k}] = {negative[0].v}: the loss has no lower bound";
        if (nonFinite.Count > 0) yield break;
        var sums = new double[k];
        for (var i = 0; i < values.Count; i++) sums[i / k] += values[i];
        var first = sums[0];
        var worst = Enumerable.Range(0, (int)k).MaxBy(r => Math.Abs(sums[r] - first));
        if (!(first > 0) || Math.Abs(sums[worst] - first) > RowSumTolerance * Math.Max(Math.Abs(first), 1e-30))
            yield return $"its rows do not sum to one constant (row 0 sums to {first:G6}, row {worst} to {sums[worst]:G6}): classes are weighed unequally, and a row summing to 0 silences its class";
    }

    private static long? ClassesOf(NetDefinition net, NetLayer loss)
    {
        var facts = NetTrainingFacts.Of(net, [.. net.Layers.Where(l => l.Index <= loss.Index)], ".");
        return facts.Loss == loss ? facts.NumClasses : null;
    }

    private static (IReadOnlyList<double>?, IReadOnlyList<long>?, string?) Read(string path)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes) return (null, null, $"{length:N0} bytes is larger than any H matrix DataScrub reads ({MaxBytes >> 20} MB)");
            var blob = BlobProto.Parser.ParseFrom(File.ReadAllBytes(path));
            IReadOnlyList<long> dims = blob.Shape is { Dim.Count: > 0 } shape ? [.. shape.Dim] : [blob.Num, blob.Channels, blob.Height, blob.Width];
            IReadOnlyList<double> values = blob.Data.Count > 0 ? [.. blob.Data.Select(v => (double)v)] : [.. blob.DoubleData];
            return (values, dims, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidProtocolBufferException)
        {
            return (null, null, $"not a readable BlobProto: {e.Message}");
        }
    }
}
