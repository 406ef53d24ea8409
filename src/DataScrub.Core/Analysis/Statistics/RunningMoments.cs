using System.Numerics;
using System.Runtime.Intrinsics;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Count, mean, sum of squared deviations (M2), minimum and maximum of a stream of values, built per chunk with
/// <see cref="Of(ReadOnlySpan{float})"/> and combined with <see cref="Merge"/>; numerically stable for 10^8+ values
/// and large offsets. Non-finite floating-point values are ignored (they are counted elsewhere).
/// </summary>
/// <remarks>
/// A constant stream has exactly M2 = 0 and Mean equal to the constant: a standard deviation of 0 decides a
/// finding, so 1e-17 is not good enough. The default value is the empty set: Count 0, Mean/Min/Max 0, Variance NaN.
/// </remarks>
public readonly partial struct RunningMoments
{
    // Chunk length summed in plain double before a compensated add: cheap, and the chunk's own error is tiny.
    private const int BlockLength = 4096;

    internal RunningMoments(long count, double mean, double m2, double min, double max)
    {
        Count = count;
        Mean = mean;
        M2 = m2;
        Min = min;
        Max = max;
    }

    public long Count { get; }

    public double Mean { get; }

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2 { get; }

    public double Min { get; }

    public double Max { get; }

    /// <summary>Population variance M2 / Count; NaN when empty.</summary>
    public double Variance => Count == 0 ? double.NaN : M2 / Count;

    /// <summary>Population standard deviation; NaN when empty.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    public static RunningMoments Of(ReadOnlySpan<float> values) => OfFiniteFloats(values) ?? OfFloatingPoint(values);

    public static RunningMoments Of(ReadOnlySpan<double> values) => OfFloatingPoint(values);

    /// <summary>Exact: the sums are integers, so M2 = (n * sum(x^2) - sum(x)^2) / n has one rounding.</summary>
    public static RunningMoments Of(ReadOnlySpan<byte> values)
    {
        if (values.IsEmpty)
            return default;
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported && values.Length >= 32)
            return OfBytesAvx2(values);
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<byte>.Count)
            return OfBytesVectorized(values);
        Span<long> histogram = stackalloc long[256];
        foreach (var value in values)
            histogram[value]++;
        long sum = 0;
        Int128 sumOfSquares = 0;
        int min = -1, max = 0;
        for (var v = 0; v < 256; v++)
        {
            if (histogram[v] == 0)
                continue;
            if (min < 0)
                min = v;
            max = v;
            sum += histogram[v] * v;
            sumOfSquares += (Int128)histogram[v] * (v * v);
        }
        long count = values.Length;
        var scaledM2 = count * sumOfSquares - (Int128)sum * sum;
        return new RunningMoments(count, (double)sum / count, (double)scaledM2 / count, min, max);
    }

    /// <summary>The moments of both sets together (Chan, Golub and LeVeque's pairwise update).</summary>
    public RunningMoments Merge(in RunningMoments other)
    {
        if (other.Count == 0)
            return this;
        if (Count == 0)
            return other;
        var count = Count + other.Count;
        var delta = other.Mean - Mean;
        var min = Math.Min(Min, other.Min);
        var max = Math.Max(Max, other.Max);
        var mean = Math.Clamp(Mean + delta * ((double)other.Count / count), min, max);
        var m2 = M2 + other.M2 + delta * delta * ((double)Count * other.Count / count);
        return new RunningMoments(count, mean, m2, min, max);
    }

    private static RunningMoments OfFloatingPoint<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long count = 0;
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var sum = new CompensatedSum();
        for (var start = 0; start < values.Length; start += BlockLength)
        {
            double blockSum = 0;
            foreach (var value in values.Slice(start, Math.Min(BlockLength, values.Length - start)))
            {
                if (!T.IsFinite(value))
                    continue;
                var x = double.CreateTruncating(value);
                count++;
                blockSum += x;
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
            sum.Add(blockSum);
        }
        if (count == 0)
            return default;
        if (min == max)
            return new RunningMoments(count, min, 0, min, max); // exactly constant: no rounding may leak into M2

        var mean = Math.Clamp(sum.Value / count, min, max);
        // Corrected two-pass: the second sum of deviations removes, to first order, the error left in the mean.
        double deviationSum = 0, squaredDeviationSum = 0;
        foreach (var value in values)
        {
            if (!T.IsFinite(value))
                continue;
            var deviation = double.CreateTruncating(value) - mean;
            deviationSum += deviation;
            squaredDeviationSum += deviation * deviation;
        }
        var m2 = Math.Max(0, squaredDeviationSum - deviationSum * deviationSum / count);
        return new RunningMoments(count, mean, m2, min, max);
    }
}
