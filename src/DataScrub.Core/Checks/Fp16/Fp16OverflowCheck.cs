using System.Numerics;
using System.Runtime.InteropServices;
using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Fp16;

/// <summary>
/// <c>fp16-overflow</c>: finite float32/float64 input values beyond ±65504 (float16's largest finite
/// value), which a mixed-precision trainer turns into ±Inf when it casts its inputs. Labels are exempt.
/// </summary>
public sealed class Fp16OverflowCheck : ICheck
{
    public const float Float16Max = 65504f;

    public string Id => "fp16-overflow";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            if (field.IsLabel) continue;
            var (count, first, length) = field.ElementType switch
            {
                TensorElementType.Float32 => Count(field.AsFloat32()),
                TensorElementType.Float64 => Count(field.AsFloat64()),
                _ => (0L, -1L, 0L),
            };
            if (count > 0)
                findings.Report(FindingKinds.Fp16Overflow, field.Name, count, first,
                    $"{count} of {length} finite values beyond ±65504 (Inf in float16), first at {first}");
        }
    }

    /// <summary>Count and first index of finite |x| &gt; 65504; vectorised (NaN and ±Inf compare false/are excluded).</summary>
    internal static (long Count, long First, long Length) Count(ReadOnlySpan<float> values)
    {
        long count = 0, first = -1;
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var limit = new Vector<float>(Float16Max);
            var infinity = new Vector<float>(float.PositiveInfinity);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (var v = 0; v < vectors.Length; v++)
            {
                var magnitude = Vector.Abs(vectors[v]);
                var over = Vector.GreaterThan(magnitude, limit) & Vector.LessThan(magnitude, infinity);
                if (over == Vector<int>.Zero) continue;
                for (var k = 0; k < Vector<float>.Count; k++)
                {
                    if (over[k] == 0) continue;
                    if (first < 0) first = (long)v * Vector<float>.Count + k;
                    count++;
                }
            }
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < values.Length; i++)
        {
            var magnitude = MathF.Abs(values[i]);
            if (magnitude > Float16Max && float.IsFinite(magnitude))
            {
                if (first < 0) first = i;
                count++;
            }
        }
        return (count, first, values.Length);
    }

    internal static (long Count, long First, long Length) Count(ReadOnlySpan<double> values)
    {
        long count = 0, first = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var magnitude = Math.Abs(values[i]);
            if (magnitude > Float16Max && double.IsFinite(magnitude))
            {
                if (first < 0) first = i;
                count++;
            }
        }
        return (count, first, values.Length);
    }
}
