using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataScrub.Checks.NonFinite;

// Keep in lockstep with NonFiniteScanner.Vector128.cs and NonFiniteScanner.Vector256.cs (same code, other width).
public static partial class NonFiniteScanner
{
    internal static NonFiniteStats ScanVector512(ReadOnlySpan<float> values)
    {
        if (!Vector512.IsHardwareAccelerated)
            throw new PlatformNotSupportedException("Vector512 is not hardware accelerated on this machine.");
        // The kernel needs at least one full vector for its overlapping tail load.
        return values.Length < Vector512<int>.Count
            ? ScanScalar(values)
            : ScanBits512(AsBits<float, int>(values));
    }

    internal static NonFiniteStats ScanVector512(ReadOnlySpan<double> values)
    {
        if (!Vector512.IsHardwareAccelerated)
            throw new PlatformNotSupportedException("Vector512 is not hardware accelerated on this machine.");
        return values.Length < Vector512<long>.Count
            ? ScanScalar(values)
            : ScanBits512(AsBits<double, long>(values));
    }

    private static NonFiniteStats ScanBits512<TBits>(ReadOnlySpan<TBits> bits)
        where TBits : unmanaged, IBinaryInteger<TBits>, IMinMaxValue<TBits>
    {
        nuint length = (nuint)bits.Length;
        nuint width = (nuint)Vector512<TBits>.Count;
        Debug.Assert(length >= width);

        ref TBits src = ref MemoryMarshal.GetReference(bits);
        Vector512<TBits> absMask = Vector512.Create(AbsMask<TBits>());
        Vector512<TBits> inf = Vector512.Create(PositiveInfinityBits<TBits>());
        Vector512<TBits> negInf = Vector512.Create(NegativeInfinityBits<TBits>());
        Vector512<TBits> max = Vector512<TBits>.Zero;

        // Per-lane counts: a compare mask is all-ones (-1) per hit, so subtracting it adds 1. A lane gains at most
        // 1 per vector examined and every element is examined once (the overlapped tail lanes are zeroed), so a
        // lane's count is <= ceil(Length / lanes) <= int.MaxValue because a span's Length is an int: int lanes
        // cannot overflow and no chunking is needed. The assert before the reduction guards the argument.
        Vector512<TBits> nanCount = Vector512<TBits>.Zero;
        Vector512<TBits> posInfCount = Vector512<TBits>.Zero;
        Vector512<TBits> negInfCount = Vector512<TBits>.Zero;
        long firstNaN = -1, firstInf = -1;
        nuint i = 0;

        // Hot loop, tuned for the all-finite case: per four vectors, 4 AND (load folded) + 4 MAX + 1 compare-any
        // + 1 rarely taken branch. A non-finite lane would poison blockMax, so a block that has one is examined
        // vector by vector instead. The detailed code is inlined (no call) so max and the counters stay in registers.
        if (length >= 4 * width)
        {
            nuint lastBlockStart = length - 4 * width;
            do
            {
                Vector512<TBits> a0 = Vector512.LoadUnsafe(ref src, i) & absMask;
                Vector512<TBits> a1 = Vector512.LoadUnsafe(ref src, i + width) & absMask;
                Vector512<TBits> a2 = Vector512.LoadUnsafe(ref src, i + 2 * width) & absMask;
                Vector512<TBits> a3 = Vector512.LoadUnsafe(ref src, i + 3 * width) & absMask;
                Vector512<TBits> blockMax = Vector512.Max(Vector512.Max(a0, a1), Vector512.Max(a2, a3));
                if (!Vector512.GreaterThanOrEqualAny(blockMax, inf))
                {
                    max = Vector512.Max(max, blockMax);
                }
                else
                {
                    for (nuint at = i; at < i + 4 * width; at += width)
                    {
                        max = Vector512.Max(max, Examine512(Vector512.LoadUnsafe(ref src, at), at, inf, negInf,
                            ref nanCount, ref posInfCount, ref negInfCount, ref firstNaN, ref firstInf));
                    }
                }
                i += 4 * width;
            }
            while (i <= lastBlockStart);
        }

        // At most three whole vectors left; not worth a fast path.
        for (; i + width <= length; i += width)
        {
            max = Vector512.Max(max, Examine512(Vector512.LoadUnsafe(ref src, i), i, inf, negInf,
                ref nanCount, ref posInfCount, ref negInfCount, ref firstNaN, ref firstInf));
        }

        // Ragged end: reload the last whole vector (it overlaps lanes already counted) and zero the overlapped
        // lanes. Zero bits are +0, which is finite and cannot raise the max, so those lanes drop out of every
        // statistic and the result stays exactly the scalar one.
        if (i < length)
        {
            nuint start = length - width;
            Vector512<TBits> keep = Vector512.GreaterThanOrEqual(
                Vector512<TBits>.Indices, Vector512.Create(TBits.CreateTruncating(i - start)));
            max = Vector512.Max(max, Examine512(Vector512.LoadUnsafe(ref src, start) & keep, start, inf, negInf,
                ref nanCount, ref posInfCount, ref negInfCount, ref firstNaN, ref firstInf));
        }

        // OR of non-negative lanes is non-negative: this checks the no-overflow argument above for every lane.
        Debug.Assert(Vector512.GreaterThanOrEqualAll(nanCount | posInfCount | negInfCount, Vector512<TBits>.Zero));
        // Lane sums cannot overflow TBits either: each total is at most Length <= int.MaxValue.
        Vector256<TBits> max256 = Vector256.Max(max.GetLower(), max.GetUpper());
        return MakeStats(
            long.CreateTruncating(Vector512.Sum(nanCount)),
            long.CreateTruncating(Vector512.Sum(posInfCount)),
            long.CreateTruncating(Vector512.Sum(negInfCount)),
            firstNaN, firstInf,
            AbsBitsToDouble(MaxAcross(Vector128.Max(max256.GetLower(), max256.GetUpper()))));
    }

    /// <summary>
    /// Counts the NaN / +Inf / -Inf lanes of one vector of raw bits starting at element <paramref name="start"/>,
    /// records first indexes, and returns |x| bits with the non-finite lanes zeroed (ready for the max).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<TBits> Examine512<TBits>(
        Vector512<TBits> v, nuint start, Vector512<TBits> inf, Vector512<TBits> negInf,
        ref Vector512<TBits> nanCount, ref Vector512<TBits> posInfCount, ref Vector512<TBits> negInfCount,
        ref long firstNaN, ref long firstInf)
        where TBits : unmanaged, IBinaryInteger<TBits>, IMinMaxValue<TBits>
    {
        Vector512<TBits> abs = v & Vector512.Create(AbsMask<TBits>());
        Vector512<TBits> isNaN = Vector512.GreaterThan(abs, inf);   // any payload, either sign
        Vector512<TBits> isPosInf = Vector512.Equals(v, inf);
        Vector512<TBits> isNegInf = Vector512.Equals(v, negInf);
        nanCount -= isNaN;
        posInfCount -= isPosInf;
        negInfCount -= isNegInf;

        // Vectors arrive in ascending order, so the first hit seen is the first in the span.
        if (firstNaN < 0)
        {
            ulong m = isNaN.ExtractMostSignificantBits();
            if (m != 0) firstNaN = (long)start + BitOperations.TrailingZeroCount(m);
        }
        if (firstInf < 0)
        {
            ulong m = (isPosInf | isNegInf).ExtractMostSignificantBits();
            if (m != 0) firstInf = (long)start + BitOperations.TrailingZeroCount(m);
        }
        return Vector512.AndNot(abs, isNaN | isPosInf | isNegInf);
    }
}
