using System.Numerics.Tensors;

namespace DataScrub.Checks.NonFinite;

public static partial class NonFiniteScanner
{
    private const int HalfChunk = 4096;

    /// <summary>
    /// float16 (HDF5 <c>f2</c>): widened to float32 a chunk at a time with the vectorised
    /// <see cref="TensorPrimitives.ConvertToSingle(ReadOnlySpan{Half}, Span{float})"/>, then scanned by the float
    /// kernel. Widening is exact: NaN stays NaN, ±Inf stays ±Inf, every finite half is a float.
    /// </summary>
    public static NonFiniteStats Scan(ReadOnlySpan<Half> values)
    {
        Span<float> widened = stackalloc float[HalfChunk];
        long nan = 0, posInf = 0, negInf = 0, firstNaN = -1, firstInf = -1;
        double max = 0;
        for (var start = 0; start < values.Length; start += HalfChunk)
        {
            var chunk = values.Slice(start, Math.Min(HalfChunk, values.Length - start));
            var floats = widened[..chunk.Length];
            TensorPrimitives.ConvertToSingle(chunk, floats);
            var s = Scan((ReadOnlySpan<float>)floats);
            nan += s.NaNCount;
            posInf += s.PositiveInfinityCount;
            negInf += s.NegativeInfinityCount;
            if (firstNaN < 0 && s.FirstNaNIndex >= 0) firstNaN = start + s.FirstNaNIndex;
            if (firstInf < 0 && s.FirstInfinityIndex >= 0) firstInf = start + s.FirstInfinityIndex;
            max = Math.Max(max, s.MaxFiniteAbs);
        }
        return MakeStats(nan, posInf, negInf, firstNaN, firstInf, max);
    }

    internal static NonFiniteStats ScanScalar(ReadOnlySpan<Half> values)
    {
        long nan = 0, posInf = 0, negInf = 0, firstNaN = -1, firstInf = -1;
        double max = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (Half.IsNaN(x))
            {
                nan++;
                if (firstNaN < 0) firstNaN = i;
            }
            else if (Half.IsInfinity(x))
            {
                if (Half.IsPositive(x)) posInf++; else negInf++;
                if (firstInf < 0) firstInf = i;
            }
            else
            {
                max = Math.Max(max, Math.Abs((double)x));
            }
        }
        return MakeStats(nan, posInf, negInf, firstNaN, firstInf, max);
    }
}
