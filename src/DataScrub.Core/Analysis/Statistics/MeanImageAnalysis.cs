using DataScrub.Reporting;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// The data's mean image, as <c>compute_image_mean</c> computes it (from the first input field of samples that
/// declare C x H x W: raw and float Datums), and the check of the mean file training will subtract against it
/// (<see cref="MeanFileCheck"/>).
/// </summary>
/// <param name="reference">The mean file given with the scan, or null.</param>
public sealed class MeanImageAnalysis(MeanImage? reference) : DatasetAnalysis<MeanImageAccumulator>
{
    public override MeanImageAccumulator Create() => new();

    /// <summary>Sums of float data round: folded per unit, so shards give the single scan's digits.</summary>
    public override bool FoldsByUnit => true;

    public override void WriteShard(MeanImageAccumulator state, Sharding.ShardStateWriter writer) => state.Write(writer);

    public override IEnumerable<MeanImageAccumulator> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        yield return MeanImageAccumulator.Read(reader);
    }

    public override void Complete(MeanImageAccumulator whole, AnalysisResults results)
    {
        results.Add(new MeanImageSection(whole.Result()));
        if (reference is not null) results.AddRange(MeanFileCheck.Check(reference, whole.Shape));
    }
}

/// <summary>The mean image a scan computed; not part of the JSON report (<c>--write-mean</c> writes it as a Caffe mean file).</summary>
public sealed record MeanImageSection(MeanImage? Mean) : IReportSection
{
    public string Name => "meanImage";

    public int Order => 1000;

    public void WriteJson(System.Text.Json.Utf8JsonWriter json)
    {
    }

    public void WriteConsole(TextWriter output)
    {
    }
}
