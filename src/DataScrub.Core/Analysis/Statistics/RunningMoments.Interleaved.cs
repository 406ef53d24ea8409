using System.Runtime.InteropServices;
using System.Numerics;

namespace DataScrub.Analysis.Statistics;

/// <summary>
/// Per-channel moments of interleaved 8-bit pixels (RGB, CMYK, gray) straight from a decoder's buffer,
/// without de-interleaving: byte k of vector v always belongs to channel (W·v + k) mod C within a period
/// of C vectors of W bytes, so lanes accumulate separately and are folded into channels at the end. Exact
/// integer sums, like <see cref="Of(ReadOnlySpan{byte})"/>.
/// </summary>
public readonly partial struct RunningMoments
{
    /// <summary>Fills <paramref name="channels"/> (its length is the channel count) with the moments of each channel.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void OfInterleaved(ReadOnlySpan<byte> pixels, Span<RunningMoments> channels)
    {
        var c = channels.Length;
        if (c == 1)
        {
            channels[0] = Of(pixels);
            return;
        }
        Span<ulong> sums = stackalloc ulong[c];
        Span<ulong> squares = stackalloc ulong[c];
        Span<int> min = stackalloc int[c];
        Span<int> max = stackalloc int[c];
        min.Fill(byte.MaxValue);
        max.Clear();
        var done = 0;
        if (Vector.IsHardwareAccelerated && c is 3 or 4)
            done = InterleavedVectors(pixels, c, sums, squares, min, max);
        for (var i = done; i < pixels.Length; i++)
        {
            var channel = i % c;
            int v = pixels[i];
            sums[channel] += (ulong)v;
            squares[channel] += (ulong)(v * v);
            if (v < min[channel]) min[channel] = v;
            if (v > max[channel]) max[channel] = v;
        }
        var count = pixels.Length / c;
        for (var channel = 0; channel < c; channel++)
        {
            // A buffer cut mid-pixel leaves earlier channels one value longer.
            long n = count + (channel < pixels.Length % c ? 1 : 0);
            if (n == 0)
            {
                channels[channel] = default;
                continue;
            }
            var scaledM2 = n * (Int128)squares[channel] - (Int128)sums[channel] * sums[channel];
            channels[channel] = new RunningMoments(n, (double)sums[channel] / n, (double)scaledM2 / n, min[channel], max[channel]);
        }
    }

    /// <returns>How many leading bytes were consumed (whole periods of C vectors).</returns>
    // Called once per image with a long loop: tiered compilation would run it unoptimised through startup.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int InterleavedVectors(ReadOnlySpan<byte> pixels, int c, Span<ulong> sums, Span<ulong> squares, Span<int> min, Span<int> max)
    {
        // Period: C vectors of W bytes; byte k of vector v in a period is channel (W·v + k) mod C.
        var w = Vector<byte>.Count;
        var period = c * w;
        var periods = pixels.Length / period;
        var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(pixels[..(periods * period)]);
        Span<Vector<byte>> lo = stackalloc Vector<byte>[c];
        Span<Vector<byte>> hi = stackalloc Vector<byte>[c];
        lo.Fill(new Vector<byte>(byte.MaxValue));
        hi.Fill(Vector<byte>.Zero);
        // Sums per lane: ushort for 256 periods at a time (255 x 256 < 2^16), then uint; squares in uint.
        Span<Vector<ushort>> shortSums = stackalloc Vector<ushort>[2 * c];
        Span<Vector<uint>> laneSums = stackalloc Vector<uint>[4 * c];
        Span<Vector<uint>> laneSquares = stackalloc Vector<uint>[4 * c];
        var p = 0;
        while (p < periods)
        {
            // A uint lane of squares gains at most 65,025 per period: flush to 64 bits well before 2^32.
            var stop = Math.Min(periods, p + 60_000);
            laneSums.Clear();
            laneSquares.Clear();
            while (p < stop)
            {
                var burst = Math.Min(stop, p + 256);
                shortSums.Clear();
                for (; p < burst; p++)
                {
                    for (var v = 0; v < c; v++)
                    {
                        var x = vectors[p * c + v];
                        lo[v] = Vector.Min(lo[v], x);
                        hi[v] = Vector.Max(hi[v], x);
                        Vector.Widen(x, out var a, out var b);
                        shortSums[2 * v] += a;
                        shortSums[2 * v + 1] += b;
                        Vector.Widen(a * a, out var a1, out var a2);
                        Vector.Widen(b * b, out var b1, out var b2);
                        laneSquares[4 * v] += a1;
                        laneSquares[4 * v + 1] += a2;
                        laneSquares[4 * v + 2] += b1;
                        laneSquares[4 * v + 3] += b2;
                    }
                }
                for (var i = 0; i < 2 * c; i++)
                {
                    Vector.Widen(shortSums[i], out var low, out var high);
                    laneSums[2 * i] += low;
                    laneSums[2 * i + 1] += high;
                }
            }
            // Fold lanes into channels: uint vector q (a quarter of W bytes) of vector v holds bytes W·v + q·W/4 + k.
            var quarter = w / 4;
            for (var v = 0; v < c; v++)
                for (var q = 0; q < 4; q++)
                    for (var k = 0; k < quarter; k++)
                    {
                        var channel = (w * v + quarter * q + k) % c;
                        sums[channel] += laneSums[4 * v + q][k];
                        squares[channel] += laneSquares[4 * v + q][k];
                    }
        }
        if (periods > 0)
            for (var v = 0; v < c; v++)
                for (var k = 0; k < w; k++)
                {
                    var channel = (w * v + k) % c;
                    min[channel] = Math.Min(min[channel], lo[v][k]);
                    max[channel] = Math.Max(max[channel], hi[v][k]);
                }
        return periods * period;
    }

    /// <summary>True when every value of every non-empty channel is one and the same (a blank image, a
    /// constant sample); <paramref name="value"/> is it and <paramref name="count"/> how many values there are.</summary>
    public static bool AllEqual(ReadOnlySpan<RunningMoments> channels, out double value, out long count)
    {
        value = double.NaN;
        count = 0;
        foreach (var m in channels)
        {
            if (m.Count == 0) continue;
            if (m.Min != m.Max) return false;
            if (count > 0 && m.Min != value) return false;
            value = m.Min;
            count += m.Count;
        }
        return count > 0;
    }
}
