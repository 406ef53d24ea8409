using System.Numerics;
using System.Runtime.InteropServices;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// SIMD paths (<see cref="Vector{T}"/>: the widest the machine has) for the cases a scan meets for every
/// sample: bytes (exact integer sums, as the histogram path) and all-finite floats. Anything else takes
/// the scalar path.
/// </summary>
public readonly partial struct RunningMoments
{
    /// <summary>Exact: sum and sum of squares in integers. Lanes widen before they can overflow.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static RunningMoments OfBytesVectorized(ReadOnlySpan<byte> values)
    {
        ulong sum = 0, squares = 0;
        var min = new Vector<byte>(byte.MaxValue);
        var max = Vector<byte>.Zero;
        var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(values);
        var i = 0;
        while (i < vectors.Length)
        {
            // A uint lane gains at most 4 x 65025 per vector: 16,000 vectors stay far below 2^32.
            var stop = Math.Min(vectors.Length, i + 16_000);
            var sums = Vector<uint>.Zero;
            var squareSums = Vector<uint>.Zero;
            for (; i < stop; i++)
            {
                var v = vectors[i];
                min = Vector.Min(min, v);
                max = Vector.Max(max, v);
                Vector.Widen(v, out var low, out var high);
                Vector.Widen(low + high, out var a, out var b);
                sums += a + b;
                Vector.Widen(low * low, out var l1, out var l2);
                Vector.Widen(high * high, out var h1, out var h2);
                squareSums += l1 + l2 + h1 + h2;
            }
            Vector.Widen(sums, out var s1, out var s2);
            sum += Vector.Sum(s1 + s2);
            Vector.Widen(squareSums, out var q1, out var q2);
            squares += Vector.Sum(q1 + q2);
        }
        int lo = byte.MaxValue, hi = 0;
        for (var k = 0; k < Vector<byte>.Count; k++)
        {
            lo = Math.Min(lo, min[k]);
            hi = Math.Max(hi, max[k]);
        }
        for (var k = vectors.Length * Vector<byte>.Count; k < values.Length; k++)
        {
            var v = values[k];
            sum += v;
            squares += (ulong)(v * v);
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        long count = values.Length;
        var scaledM2 = count * (Int128)squares - (Int128)sum * sum;
        return new RunningMoments(count, (double)sum / count, (double)scaledM2 / count, lo, hi);
    }

    /// <summary>
    /// The moments when every value is finite (null otherwise: the scalar path skips the others), in one
    /// pass over data shifted by its first value: sums of (x - x0) and (x - x0)^2 in double lanes. The shift
    /// removes any common offset, so the textbook cancellation of sum-of-squares does not occur for one
    /// sample's values; the dataset is then combined by Chan's merge.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static RunningMoments? OfFiniteFloats(ReadOnlySpan<float> values)
    {
        if (!Vector.IsHardwareAccelerated || values.Length < Vector<float>.Count * 2) return null;
        var shift = (double)values[0];
        if (!double.IsFinite(shift)) return null;
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var infinity = new Vector<float>(float.PositiveInfinity);
        var shiftVector = new Vector<double>(shift);
        var min = new Vector<float>(float.PositiveInfinity);
        var max = new Vector<float>(float.NegativeInfinity);
        Vector<double> sumLow = default, sumHigh = default, squaresLow = default, squaresHigh = default;
        var finite = new Vector<int>(-1);
        foreach (var v in vectors)
        {
            // NaN compares false: |NaN| < Inf is false, like |±Inf| < Inf.
            finite &= Vector.LessThan(Vector.Abs(v), infinity);
            min = Vector.Min(min, v);
            max = Vector.Max(max, v);
            Vector.Widen(v, out var low, out var high);
            low -= shiftVector;
            high -= shiftVector;
            sumLow += low;
            sumHigh += high;
            squaresLow += low * low;
            squaresHigh += high * high;
        }
        if (finite != new Vector<int>(-1)) return null;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (var k = 0; k < Vector<float>.Count; k++)
        {
            lo = Math.Min(lo, min[k]);
            hi = Math.Max(hi, max[k]);
        }
        var sum = Vector.Sum(sumLow + sumHigh);
        var squares = Vector.Sum(squaresLow + squaresHigh);
        for (var k = vectors.Length * Vector<float>.Count; k < values.Length; k++)
        {
            var x = values[k];
            if (!float.IsFinite(x)) return null;
            var d = x - shift;
            sum += d;
            squares += d * d;
            lo = Math.Min(lo, x);
            hi = Math.Max(hi, x);
        }
        long count = values.Length;
        if (lo == hi)
            return new RunningMoments(count, lo, 0, lo, hi); // exactly constant: no rounding may leak into M2
        var mean = Math.Clamp(shift + sum / count, lo, hi);
        var m2 = Math.Max(0, squares - sum * sum / count);
        return new RunningMoments(count, mean, m2, lo, hi);
    }
}
