using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DataScrub.Checks.NonFinite;

/// <summary>
/// Counts NaN / ±Inf in a float or double span and finds the first offender and the largest finite magnitude,
/// in one pass. <see cref="Scan(ReadOnlySpan{float})"/> picks the widest SIMD path the machine accelerates;
/// every path returns exactly what <see cref="ScanScalar(ReadOnlySpan{float})"/> returns.
/// </summary>
/// <remarks>
/// The SIMD kernels (one partial file per width) work on the IEEE-754 bit patterns as signed integers
/// (int lanes for float, long lanes for double), not on floating-point values:
/// <list type="bullet">
/// <item>clearing the sign bit gives |x| as a non-negative integer, and for non-negative IEEE values the
/// integer order equals the numeric order, so an integer max of |x| bits is the max of |x|, with no NaN
/// semantics to worry about (a float max would have to pick a NaN rule);</item>
/// <item>|x| bits &gt;= +Inf bits means non-finite (== is ±Inf, &gt; is NaN of any payload), so the all-finite
/// hot loop needs only AND, MAX and one compare per block of four vectors;</item>
/// <item>−0 becomes +0 and subnormals are small positive integers, i.e. finite, for free.</item>
/// </list>
/// The three width files are the same code at another width (only the final cross-lane reduction differs);
/// change them together.
/// </remarks>
public static partial class NonFiniteScanner
{
    private enum ScanPath { Scalar, Vector128, Vector256, Vector512 }

    // Decided once per process. A static readonly read is a JIT-time constant in tier-1 code, so the switches in
    // Scan() fold to a direct call of one kernel.
    private static readonly ScanPath s_path =
        Vector512.IsHardwareAccelerated ? ScanPath.Vector512 :
        Vector256.IsHardwareAccelerated ? ScanPath.Vector256 :
        Vector128.IsHardwareAccelerated ? ScanPath.Vector128 :
        ScanPath.Scalar;

    /// <summary>The kernel <see cref="Scan(ReadOnlySpan{float})"/> uses on this machine: "Vector512", "Vector256", "Vector128" or "Scalar".</summary>
    public static string ActivePath => s_path switch
    {
        ScanPath.Vector512 => "Vector512",
        ScanPath.Vector256 => "Vector256",
        ScanPath.Vector128 => "Vector128",
        _ => "Scalar",
    };

    public static NonFiniteStats Scan(ReadOnlySpan<float> values) => s_path switch
    {
        ScanPath.Vector512 => ScanVector512(values),
        ScanPath.Vector256 => ScanVector256(values),
        ScanPath.Vector128 => ScanVector128(values),
        _ => ScanScalar(values),
    };

    public static NonFiniteStats Scan(ReadOnlySpan<double> values) => s_path switch
    {
        ScanPath.Vector512 => ScanVector512(values),
        ScanPath.Vector256 => ScanVector256(values),
        ScanPath.Vector128 => ScanVector128(values),
        _ => ScanScalar(values),
    };

    // ---- Scalar reference -------------------------------------------------------------------------------------
    // Written with the plain float/double predicates rather than bit tricks, so it is an independent statement of
    // the contract that the SIMD kernels are tested against.

    internal static NonFiniteStats ScanScalar(ReadOnlySpan<float> values)
    {
        long nan = 0, posInf = 0, negInf = 0, firstNaN = -1, firstInf = -1;
        float max = 0f;
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            if (float.IsNaN(x))
            {
                nan++;
                if (firstNaN < 0) firstNaN = i;
            }
            else if (float.IsInfinity(x))
            {
                if (x > 0) posInf++; else negInf++;
                if (firstInf < 0) firstInf = i;
            }
            else
            {
                // Strict > keeps max at the initial +0 when only ±0 are seen; Math.Abs(-0f) is +0 anyway.
                float a = Math.Abs(x);
                if (a > max) max = a;
            }
        }
        return MakeStats(nan, posInf, negInf, firstNaN, firstInf, max);
    }

    internal static NonFiniteStats ScanScalar(ReadOnlySpan<double> values)
    {
        long nan = 0, posInf = 0, negInf = 0, firstNaN = -1, firstInf = -1;
        double max = 0d;
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (double.IsNaN(x))
            {
                nan++;
                if (firstNaN < 0) firstNaN = i;
            }
            else if (double.IsInfinity(x))
            {
                if (x > 0) posInf++; else negInf++;
                if (firstInf < 0) firstInf = i;
            }
            else
            {
                double a = Math.Abs(x);
                if (a > max) max = a;
            }
        }
        return MakeStats(nan, posInf, negInf, firstNaN, firstInf, max);
    }

    // ---- Shared by the SIMD kernels --------------------------------------------------------------------------

    private static NonFiniteStats MakeStats(long nan, long posInf, long negInf, long firstNaN, long firstInf, double maxFiniteAbs)
    {
        long firstNonFinite = firstNaN < 0 ? firstInf
            : firstInf < 0 ? firstNaN
            : Math.Min(firstNaN, firstInf);
        return new NonFiniteStats(nan, posInf, negInf, firstNonFinite, firstNaN, firstInf, maxFiniteAbs);
    }

    // TBits is int (float lanes) or long (double lanes); the typeof tests fold away per instantiation.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TBits PositiveInfinityBits<TBits>() where TBits : IBinaryInteger<TBits>
        => typeof(TBits) == typeof(int)
            ? TBits.CreateTruncating(BitConverter.SingleToInt32Bits(float.PositiveInfinity))
            : TBits.CreateTruncating(BitConverter.DoubleToInt64Bits(double.PositiveInfinity));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TBits NegativeInfinityBits<TBits>() where TBits : IBinaryInteger<TBits>
        => typeof(TBits) == typeof(int)
            ? TBits.CreateTruncating(BitConverter.SingleToInt32Bits(float.NegativeInfinity))
            : TBits.CreateTruncating(BitConverter.DoubleToInt64Bits(double.NegativeInfinity));

    /// <summary>All bits but the sign bit: AND with it is |x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TBits AbsMask<TBits>() where TBits : IBinaryInteger<TBits>, IMinMaxValue<TBits>
        => TBits.MaxValue;

    /// <summary>Turns the integer max of |x| bits back into the value, widened to double (exact for float).</summary>
    private static double AbsBitsToDouble<TBits>(TBits absBits) where TBits : IBinaryInteger<TBits>
        => typeof(TBits) == typeof(int)
            ? BitConverter.Int32BitsToSingle(int.CreateTruncating(absBits))
            : BitConverter.Int64BitsToDouble(long.CreateTruncating(absBits));

    /// <summary>Largest lane. Shuffles rather than a lane loop, which would spill the vector once per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TBits MaxAcross<TBits>(Vector128<TBits> v) where TBits : IBinaryInteger<TBits>
    {
        if (typeof(TBits) == typeof(int))
        {
            Vector128<int> m = v.AsInt32();
            m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
            m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
            return TBits.CreateTruncating(m.ToScalar());
        }
        return TBits.Max(v.GetElement(0), v.GetElement(1));
    }

    /// <summary>The bit patterns of a float or double span as int or long lanes.</summary>
    private static ReadOnlySpan<TBits> AsBits<TFloat, TBits>(ReadOnlySpan<TFloat> values)
        where TFloat : struct where TBits : struct
        => System.Runtime.InteropServices.MemoryMarshal.Cast<TFloat, TBits>(values);
}
