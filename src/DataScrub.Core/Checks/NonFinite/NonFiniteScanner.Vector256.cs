using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataScrub.Checks.NonFinite;

// Keep in lockstep with NonFiniteScanner.Vector128.cs and NonFiniteScanner.Vector512.cs (same code, other width).
public static partial class NonFiniteScanner
{
    internal static NonFiniteStats ScanVector256(ReadOnlySpan<float> values)
    {
        if (!Vector256.IsHardwareAccelerated)
            throw new PlatformNotSupportedException("Vector256 is not hardware accelerated on this machine.");
        // The kernel needs at least one full vector for its overlapping tail load.
        return values.Length < Vector256<int>.Count
            ? ScanScalar(values)
            : ScanBits256(AsBits<float, int>(values));
    }

    internal static NonFiniteStats ScanVector256(ReadOnlySpan<double> values)
    {
        if (!Vector256.IsHardwareAccelerated)
            throw new PlatformNotSupportedException("Vector256 is not hardware accelerated on this machine.");
        return values.Length < Vector256<long>.Count
            ? ScanScalar(values)
            : ScanBits256(AsBits<double, long>(values));
    }

    private static NonFiniteStats ScanBits256<TBits>(ReadOnlySpan<TBits> bits)
        where TBits : unmanaged, IBinaryInteger<TBits>, IMinMaxValue<TBits>
    {
        nuint length = (nuint)bits.Length;
        nuint width = (nuint)Vector256<TBits>.Count;
        Debug.Assert(length >= width);

        ref TBits src = ref MemoryMarshal.GetReference(bits);
        Vector256<TBits> absMask = Vector256.Create(AbsMask<TBits>());
        Vector256<TBits> inf = Vector256.Create(PositiveInfinityBits<TBits>());
        Vector256<TBits> negInf = Vector256.Create(NegativeInfinityBits<TBits>());
        Vector256<TBits> max = Vector256<TBits>.Zero;

        // Per-lane counts: a compare mask is all-ones (-1) per hit, so subtracting it adds 1. A lane gains at most
        // 1 per vector examined and every element is examined once (the overlapped tail lanes are zeroed), so a
        // lane's count is <= ceil(Length / lanes) <= int.MaxValue because a span's Length is an int: int lanes
        // cannot overflow and no chunking is needed. The assert before the reduction guards the argument.
        Vector256<TBits> nanCount = Vector256<TBits>.Zero;
        Vector256<TBits> posInfCount = Vector256<TBits>.Zero;
        Vector256<TBits> negInfCount = Vector256<TBits>.Zero;
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
                Vector256<TBits> a0 = Vector256.LoadUnsafe(ref src, i) & absMask;
                Vector256<TBits> a1 = Vector256.LoadUnsafe(ref src, i + width) & absMask;
                Vector256<TBits> a2 = Vector256.LoadUnsafe(ref src, i + 2 * width) & absMask;
                Vector256<TBits> a3 = Vector256.LoadUnsafe(ref src, i + 3 * width) & absMask;
                Vector256<TBits> blockMax = Vector256.Max(Vector256.Max(a0, a1), Vector256.Max(a2, a3));
                if (!Vector256.GreaterThanOrEqualAny(blockMax, inf))
                {
                    max = Vector256.Max(max, blockMax);
                }
                else
                {
                    for (nuint at = i; at < i + 4 * width; at += width)
                    {
                        max = Vector256.Max(max, Examine256(Vector256.LoadUnsafe(ref src, at), at, inf, negInf,
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
            max = Vector256.Max(max, Examine256(Vector256.LoadUnsafe(ref src, i), i, inf, negInf,
                ref nanCount, ref posInfCount, ref negInfCount, ref firstNaN, ref firstInf));
        }

        // Ragged end: reload the last whole vector (it overlaps lanes already counted) and zero the overlapped
        // lanes. Zero bits are +0, which is finite and cannot raise the max, so those lanes drop out of every
        // statistic and the result stays exactly the scalar one.
        if (i < length)
        {
            nuint start = length - width;
            Vector256<TBits> keep = Vector256.GreaterThanOrEqual(
                Vector256<TBits>.Indices, Vector256.Create(TBits.CreateTruncating(i - start)));
            max = Vector256.Max(max, Examine256(Vector256.LoadUnsafe(ref src, start) & keep, start, inf, negInf,
                ref nanCount, ref posInfCount, ref negInfCount, ref firstNaN, ref firstInf));
        }

        // OR of non-negative lanes is non-negative: this checks the no-overflow argument above for every lane.
        Debug.Assert(Vector256.GreaterThanOrEqualAll(nanCount | posInfCount | negInfCount, Vector256<TBits>.Zero));
        // Lane sums cannot overflow TBits either: each total is at most Length <= int.MaxValue.
        return MakeStats(
            long.CreateTruncating(Vector256.Sum(nanCount)),
            long.CreateTruncating(Vector256.Sum(posInfCount)),
            long.CreateTruncating(Vector256.Sum(negInfCount)),
            firstNaN, firstInf,
            AbsBitsToDouble(MaxAcross(Vector128.Max(max.GetLower(), max.GetUpper()))));
    }

    /// <summary>
    /// Counts the NaN / +Inf / -Inf lanes of one vector of raw bits starting at element <paramref name="start"/>,
    /// records first indexes, and returns |x| bits with the non-finite lanes zeroed (ready for the max).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<TBits> Examine256<TBits>(
        Vector256<TBits> v, nuint start, Vector256<TBits> inf, Vector256<TBits> negInf,
        ref Vector256<TBits> nanCount, ref Vector256<TBits> posInfCount, ref Vector256<TBits> negInfCount,
        ref long firstNaN, ref long firstInf)
        where TBits : unmanaged, IBinaryInteger<TBits>, IMinMaxValue<TBits>
    {
        Vector256<TBits> abs = v & Vector256.Create(AbsMask<TBits>());
        Vector256<TBits> isNaN = Vector256.GreaterThan(abs, inf);   // any payload, either sign
        Vector256<TBits> isPosInf = Vector256.Equals(v, inf);
        Vector256<TBits> isNegInf = Vector256.Equals(v, negInf);
        nanCount -= isNaN;
        posInfCount -= isPosInf;
        negInfCount -= isNegInf;

        // Vectors arrive in ascending order, so the first hit seen is the first in the span.
        if (firstNaN < 0)
        {
            uint m = isNaN.ExtractMostSignificantBits();
            if (m != 0) firstNaN = (long)start + BitOperations.TrailingZeroCount(m);
        }
        if (firstInf < 0)
        {
            uint m = (isPosInf | isNegInf).ExtractMostSignificantBits();
            if (m != 0) firstInf = (long)start + BitOperations.TrailingZeroCount(m);
        }
        return Vector256.AndNot(abs, isNaN | isPosInf | isNegInf);
    }
}
