using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.NonFinite;

/// <summary><c>nan</c> and <c>inf</c> findings for every float field of a sample, one SIMD pass per field.</summary>
public sealed class NonFiniteCheck : ICheck
{
    public string Id => "non-finite";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            // A single-value label is the label check's (label-nan); masks are scanned here like data.
            if (field.IsLabel && content.RawLabel is not null) continue;
            NonFiniteStats stats;
            long length;
            switch (field.ElementType)
            {
                case TensorElementType.Float32:
                    var floats = field.AsFloat32();
                    stats = NonFiniteScanner.Scan(floats);
                    length = floats.Length;
                    break;
                case TensorElementType.Float16:
                    var halves = field.AsFloat16();
                    stats = NonFiniteScanner.Scan(halves);
                    length = halves.Length;
                    break;
                case TensorElementType.Float64:
                    var doubles = field.AsFloat64();
                    stats = NonFiniteScanner.Scan(doubles);
                    length = doubles.Length;
                    break;
                default:
                    continue;
            }
            if (stats.AllFinite) continue;
            if (stats.NaNCount > 0)
                findings.Report(FindingKinds.Nan, field.Name, stats.NaNCount, stats.FirstNaNIndex,
                    $"{stats.NaNCount} NaN of {length} values, first at {stats.FirstNaNIndex}");
            if (stats.InfinityCount > 0)
                findings.Report(FindingKinds.Inf, field.Name, stats.InfinityCount, stats.FirstInfinityIndex,
                    $"{stats.InfinityCount} Inf of {length} values (+Inf {stats.PositiveInfinityCount}, -Inf {stats.NegativeInfinityCount}), first at {stats.FirstInfinityIndex}");
        }
    }
}
