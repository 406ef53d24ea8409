using DataScrub.Records;

namespace DataScrub.Analysis.Statistics;

/// <summary>A per-element mean image of C x H x W values (what Caffe's <c>compute_image_mean</c> writes and
/// <c>transform_param.mean_file</c> subtracts), channel-major like a Datum's data.</summary>
/// <param name="Source">The file it was read from, for findings; null when computed by a scan.</param>
public sealed record MeanImage(DeclaredShape Shape, float[] Values, string? Source = null)
{
    public long Elements => (long)Shape.Channels * Shape.Height * Shape.Width;
}
