using System.Numerics;
using System.Buffers;
using System.Numerics.Tensors;
using DataScrub.Analysis.Statistics;
using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Statistics;

/// <summary>
/// Per-channel moments of a sample's input data (axis 1 of C x H x W; for a Datum's float_data of
/// D x 1 x 1, each feature), handed to the dataset's channel statistics, and <c>constant-sample</c> when
/// every finite value of the sample is equal (per-sample normalisation divides by a zero deviation).
/// Encoded images and samples whose size disagrees with their declared shape are skipped.
/// </summary>
public sealed class SampleStatisticsCheck : ICheck
{
    public string Id => "statistics";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (content.IsEncodedImage) return;
        var index = InputChannels.FieldIndex(content, record);
        if (index < 0) return;
        var field = content.GetField(index, record);
        var elements = field.ElementCount;
        if (elements == 0) return;
        // 0 when the size disagrees with the declared shape: shape-mismatch says why.
        var channels = InputChannels.Count(content, field);
        if (channels == 0) return;

        var perChannel = (int)(elements / channels);
        if (perChannel == 1)
        {
            OneValuePerChannel(field, channels, findings);
            return;
        }
        var moments = findings.RentChannelMoments(channels);
        switch (field.ElementType)
        {
            case TensorElementType.UInt8:
                for (var c = 0; c < channels; c++) moments[c] = RunningMoments.Of(field.Bytes.Slice(c * perChannel, perChannel));
                break;
            case TensorElementType.Float32:
                var floats = field.AsFloat32();
                for (var c = 0; c < channels; c++) moments[c] = RunningMoments.Of(floats.Slice(c * perChannel, perChannel));
                break;
            case TensorElementType.Float64:
                var doubles = field.AsFloat64();
                for (var c = 0; c < channels; c++) moments[c] = RunningMoments.Of(doubles.Slice(c * perChannel, perChannel));
                break;
            case TensorElementType.Float16:
            case TensorElementType.Int64:
                Widened(field, channels, perChannel, moments);
                break;
            default:
                findings.RentChannelMoments(0);
                return;
        }

        if (elements > 1 && RunningMoments.AllEqual(moments, out var value, out var finite) && finite > 1)
            findings.Report(FindingKinds.ConstantSample, field.Name, finite, null,
                $"all {finite} finite values are {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// A feature vector (one value per channel): the values themselves, NaN for a value that is not finite, which
    /// the channel statistics fold a vector of channels at a time. A one-value moment is (1, x, 0, x, x), so this is
    /// the same observation in 8 bytes instead of 40; constant-sample is decided on the finite values as before.
    /// </summary>
    private static void OneValuePerChannel(TensorField field, int channels, SampleObservations findings)
    {
        var values = findings.RentChannelValues(channels);
        switch (field.ElementType)
        {
            case TensorElementType.UInt8:
                TensorPrimitives.ConvertChecked<byte, double>(field.Bytes, values);
                break;
            case TensorElementType.Float32 when WidenCompleteFloats(field.AsFloat32(), values, out var floatsEqual):
                // Every value finite: widened, checked and compared in one pass (the common case of a feature row).
                findings.ChannelValuesComplete = true;
                ReportConstant(field, channels, channels, values[^1], floatsEqual, findings);
                return;
            case TensorElementType.Float32:
                TensorPrimitives.ConvertChecked<float, double>(field.AsFloat32(), values);
                break;
            case TensorElementType.Float64:
                field.AsFloat64().CopyTo(values);
                break;
            case TensorElementType.Float16:
                var halves = field.AsFloat16();
                for (var i = 0; i < channels; i++) values[i] = (double)halves[i];
                break;
            case TensorElementType.Int64:
                TensorPrimitives.ConvertChecked<long, double>(field.AsInt64(), values);
                break;
            default:
                findings.RentChannelValues(0);
                return;
        }
        var (finite, value, allEqual) = AllFiniteAndEqual(values, out var complete);
        if (!complete) (finite, value, allEqual) = MarkNonFinite(values);
        findings.ChannelValuesComplete = complete;
        ReportConstant(field, channels, finite, value, allEqual, findings);
    }

    private static void ReportConstant(TensorField field, int channels, long finite, double value, bool allEqual, SampleObservations findings)
    {
        if (channels > 1 && allEqual && finite > 1)
            findings.Report(FindingKinds.ConstantSample, field.Name, finite, null,
                $"all {finite} finite values are {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// Float32 feature rows in one pass: widened into <paramref name="values"/> while checked for finiteness and
    /// compared with the last value. False (values then unspecified) when some value is not finite.
    /// </summary>
    private static bool WidenCompleteFloats(ReadOnlySpan<float> floats, Span<double> values, out bool allEqual)
    {
        var last = floats[^1];
        var i = 0;
        allEqual = true;
        if (Vector.IsHardwareAccelerated && floats.Length >= Vector<float>.Count)
        {
            var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<float, Vector<float>>(floats);
            var targets = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(values);
            var infinity = new Vector<float>(float.PositiveInfinity);
            var lasts = new Vector<float>(last);
            var finite = Vector<int>.AllBitsSet;
            var equal = Vector<int>.AllBitsSet;
            for (var v = 0; v < vectors.Length; v++)
            {
                var x = vectors[v];
                finite &= Vector.LessThan(Vector.Abs(x), infinity);
                equal &= Vector.Equals(x, lasts);
                Vector.Widen(x, out var low, out var high);
                targets[2 * v] = low;
                targets[2 * v + 1] = high;
            }
            if (finite != Vector<int>.AllBitsSet) return false;
            allEqual = equal == Vector<int>.AllBitsSet;
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < floats.Length; i++)
        {
            var x = floats[i];
            if (!float.IsFinite(x)) return false;
            allEqual &= x == last;
            values[i] = x;
        }
        return true;
    }

    /// <summary>The common case, vectorised: true in <paramref name="complete"/> when every value is finite; then how
    /// many, the last one, and whether all equal it (== : -0 equals +0, as the moments' min/max comparison has it).</summary>
    private static (long Finite, double Value, bool AllEqual) AllFiniteAndEqual(ReadOnlySpan<double> values, out bool complete)
    {
        var last = values[^1];
        var i = 0;
        var finite = Vector<long>.AllBitsSet;
        var equal = Vector<long>.AllBitsSet;
        if (Vector.IsHardwareAccelerated)
        {
            var xs = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(values);
            var infinity = new Vector<double>(double.PositiveInfinity);
            var lasts = new Vector<double>(last);
            foreach (var x in xs)
            {
                finite &= Vector.LessThan(Vector.Abs(x), infinity);
                equal &= Vector.Equals(x, lasts);
            }
            i = xs.Length * Vector<double>.Count;
        }
        complete = finite == Vector<long>.AllBitsSet;
        var allEqual = equal == Vector<long>.AllBitsSet;
        for (; i < values.Length && complete; i++)
        {
            complete = double.IsFinite(values[i]);
            allEqual &= values[i] == last;
        }
        return (values.Length, last, allEqual);
    }

    /// <summary>Some value is not finite: each becomes NaN (skipped by the statistics); counts and compares the finite ones.</summary>
    private static (long Finite, double Value, bool AllEqual) MarkNonFinite(Span<double> values)
    {
        long finite = 0;
        var value = double.NaN;
        var allEqual = true;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (!double.IsFinite(x))
            {
                values[i] = double.NaN;
                continue;
            }
            if (finite > 0 && x != value) allEqual = false;
            value = x;
            finite++;
        }
        return (finite, value, allEqual);
    }

    /// <summary>float16 and integer data: widened to double per channel through a pooled buffer.</summary>
    private static void Widened(TensorField field, int channels, int perChannel, Span<RunningMoments> moments)
    {
        var buffer = ArrayPool<double>.Shared.Rent(perChannel);
        try
        {
            for (var c = 0; c < channels; c++)
            {
                var target = buffer.AsSpan(0, perChannel);
                if (field.ElementType == TensorElementType.Float16)
                {
                    var halves = field.AsFloat16().Slice(c * perChannel, perChannel);
                    for (var i = 0; i < perChannel; i++) target[i] = (double)halves[i];
                }
                else
                {
                    TensorPrimitives.ConvertChecked<long, double>(field.AsInt64().Slice(c * perChannel, perChannel), target);
                }
                moments[c] = RunningMoments.Of((ReadOnlySpan<double>)target);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
