using System.Numerics;
using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.NonFinite;

/// <summary><c>nan</c> and <c>inf</c> findings for every float field of a sample, one SIMD pass per field; and, when the
/// input data holds some, which of its channels do (<see cref="SampleObservations.NonFiniteChannels"/>), counted in a
/// second pass made only then, so that a clean sample costs nothing more.</summary>
public sealed class NonFiniteCheck : ICheck
{
    /// <summary>Channels at least this long are counted by the SIMD scanner; shorter ones (a feature vector's single
    /// values) one value at a time, where a scanner call per channel would cost more than the values.</summary>
    private const int ScannedChannelLength = 16;

    public string Id => "non-finite";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        var input = -1;
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
            if (input == -1) input = InputChannels.FieldIndex(content, record);
            if (i == input) CountChannels(content, field, findings);
        }
    }

    /// <summary>NaN and Inf per channel of the input data, for the profile's per-channel counts; nothing when the
    /// data does not split into its channels (a size that disagrees with the declared shape).</summary>
    private static void CountChannels(SampleContent content, TensorField field, SampleObservations findings)
    {
        var channels = InputChannels.Count(content, field);
        if (channels == 0) return;
        switch (field.ElementType)
        {
            case TensorElementType.Float32:
                CountChannels(field.AsFloat32(), channels, findings);
                break;
            case TensorElementType.Float16:
                CountChannels(field.AsFloat16(), channels, findings);
                break;
            case TensorElementType.Float64:
                CountChannels(field.AsFloat64(), channels, findings);
                break;
        }
    }

    private static void CountChannels<T>(ReadOnlySpan<T> values, int channels, SampleObservations findings)
        where T : struct, IFloatingPointIeee754<T>
    {
        var perChannel = values.Length / channels;
        for (var c = 0; c < channels; c++)
        {
            var channel = values.Slice(c * perChannel, perChannel);
            long nan, inf;
            if (perChannel >= ScannedChannelLength)
            {
                var stats = Scan(channel);
                (nan, inf) = (stats.NaNCount, stats.InfinityCount);
            }
            else
            {
                (nan, inf) = (0, 0);
                foreach (var value in channel)
                {
                    if (T.IsNaN(value)) nan++;
                    else if (T.IsInfinity(value)) inf++;
                }
            }
            if (nan + inf > 0) findings.AddNonFiniteChannel(c, nan, inf);
        }
    }

    private static NonFiniteStats Scan<T>(ReadOnlySpan<T> values) where T : struct
    {
        if (typeof(T) == typeof(float)) return NonFiniteScanner.Scan(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(values));
        if (typeof(T) == typeof(double)) return NonFiniteScanner.Scan(System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values));
        return NonFiniteScanner.Scan(System.Runtime.InteropServices.MemoryMarshal.Cast<T, Half>(values));
    }
}
