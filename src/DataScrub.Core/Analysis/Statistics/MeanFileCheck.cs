using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Checks the mean file training will subtract (<c>transform_param.mean_file</c>): NaN or ±Inf in it turns
/// every input into NaN, and a C x H x W other than the data's makes Caffe abort. Dataset-level findings
/// that name the file.
/// </summary>
public static class MeanFileCheck
{
    public static IEnumerable<Finding> Check(MeanImage reference, DeclaredShape? dataShape)
    {
        var file = reference.Source ?? "mean file";
        long nan = 0, inf = 0, firstNan = -1, firstInf = -1;
        for (var i = 0; i < reference.Values.Length; i++)
        {
            var v = reference.Values[i];
            if (float.IsNaN(v)) { nan++; if (firstNan < 0) firstNan = i; }
            else if (float.IsInfinity(v)) { inf++; if (firstInf < 0) firstInf = i; }
        }
        if (nan > 0)
            yield return new Finding(FindingKinds.Nan, null, null, "mean", nan, firstNan,
                $"the mean file holds {nan} NaN of {reference.Values.Length} values, first at {firstNan}: every input minus it is NaN") { File = file };
        if (inf > 0)
            yield return new Finding(FindingKinds.Inf, null, null, "mean", inf, firstInf,
                $"the mean file holds {inf} ±Inf of {reference.Values.Length} values, first at {firstInf}") { File = file };
        if (dataShape is { } shape && shape != reference.Shape)
            yield return new Finding(FindingKinds.ShapeMismatch, null, null, "mean", reference.Elements, null,
                $"the mean file is {reference.Shape} (CxHxW) but the data is {shape}: Caffe aborts on the first batch") { File = file };
    }
}
