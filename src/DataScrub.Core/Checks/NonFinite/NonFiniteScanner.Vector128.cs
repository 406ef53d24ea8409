using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataScrub.Checks.NonFinite;

// Keep in lockstep with NonFiniteScanner.Vector256.cs and NonFiniteScanner.Vector512.cs (same code, other width).
public static partial class NonFiniteScanner
{
    internal static NonFiniteStats ScanVector128(ReadOnlySpan<float> values)
    {
        if (!Vector128.IsHardwareAccelerated)
            throw new PlatformNotSupportedException("Vector128 is not hardware accelerated on this machine.");
        // The kernel needs at least one full vector for its overlapping tail load.
        return values.Length < Vector128<int>.Count
            ? ScanScalar(values)
            : ScanBits128(AsBits<float, int>(values));
    }

    internal static NonFiniteStats ScanVector128(ReadOnlySpan<double> values)
    {
        if (!Vector128.IsHardwareAccelerated)
            throw new PlatformNotSupportedException("Vector128 is not hardware accelerated on this machine.");
        return values.Length < Vector128<long>.Count
            ? ScanScalar(values)
            : ScanBits128(AsBits<double, long>(values));
    }

    private static NonFiniteStats ScanBits128<TBits>(ReadOnlySpan<TBits> bits)
        where TBits : unmanaged, IBinaryInteger<TBits>, IMinMaxValue<TBits>
    {
        nuint length = (nuint)bits.Length;
        nuint width = (nuint)Vector128<TBits>.Count;
        Debug.Assert(length >= width);

        ref TBits src = ref MemoryMarshal.GetReference(bits);
        Vector128<TBits> absMask = Vector128.Create(AbsMask<TBits>());
        Vector128<TBits> inf = Vector128.Create(PositiveInfinityBits<TBits>());
        Vector128<TBits> negInf = Vector128.Create(NegativeInfinityBits<TBits>());
        Vector128<TBits> max = Vector128<TBits>.Zero;

        // Per-lane counts: a compare mask is all-ones (-1) per hit, so subtracting it adds 1. A lane gains at most
        // 1 per vector examined and every element is examined once (the overlapped tail lanes are zeroed), so a
        // lane's count is <= ceil(Length / lanes) <= int.MaxValue because a span's Length is an int: int lanes
        // cannot overflow and no chunking is needed. The assert before the reduction guards the argument.
        Vector128<TBits> nanCount = Vector128<TBits>.Zero;
        Vector128<TBits> posInfCount = Vector128<TBits>.Zero;
        Vector128<TBits> negInfCount = Vector128<TBits>.Zero;
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
                Vector128<TBits> a0 = Vector128.LoadUnsafe(ref src, i) & absMask;
                Vector128<TBits> a1 = Vector128.LoadUnsafe(ref src, i + width) & absMask;
                Vector128<TBits> a2 = Vector128.LoadUnsafe(ref src, i + 2 * width) & absMask;
                Vector128<TBits> a3 = Vector128.LoadUnsafe(ref src, i + 3 * width) & absMask;
                Vector128<TBits> blockMax = Vector128.Max(Vector128.Max(a0, a1), Vector128.Max(a2, a3));
                if (!Vector128.GreaterThanOrEqualAny(blockMax, inf))
                {
                    max = Vector128.Max(max, blockMax);
                }
                else
                {
                    for (nuint at = i; at < i + 4 * width; at += width)
                    {
                        max = Vector128.Max(max, Examine128(Vector128.LoadUnsafe(ref src, at), at, inf, negInf,
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
            max = Vector128.Max(max, Examine128(Vector128.LoadUnsafe(ref src, i), i, inf, negInf,
                ref nanCount, ref posInfCount, ref negInfCount, ref firstNaN, ref firstInf));
        }

        // Ragged end: reload the last whole vector (it overlaps lanes already counted) and zero the overlapped
        // lanes. Zero bits are +0, which is finite and cannot raise the max, so those lanes drop out of every
        // statistic and the result stays exactly the scalar one.
        if (i < length)
        {
            nuint start = length - width;
            Vector128<TBits> keep = Vector128.GreaterThanOrEqual(
                Vector128<TBits>.Indices, Vector128.Create(TBits.CreateTruncating(i - start)));
            max = Vector128.Max(max, Examine128(Vector128.LoadUnsafe(ref src, start) & keep, start, inf, negInf,
                ref nanCount, ref posInfCount, ref negInfCount, ref firstNaN, ref firstInf));
        }

        // OR of non-negative lanes is non-negative: this checks the no-overflow argument above for every lane.
        Debug.Assert(Vector128.GreaterThanOrEqualAll(nanCount | posInfCount | negInfCount, Vector128<TBits>.Zero));
        // Lane sums cannot overflow TBits either: each total is at most Length <= int.MaxValue.
        return MakeStats(
            long.CreateTruncating(Vector128.Sum(nanCount)),
            long.CreateTruncating(Vector128.Sum(posInfCount)),
            long.CreateTruncating(Vector128.Sum(negInfCount)),
            firstNaN, firstInf,
            AbsBitsToDouble(MaxAcross(max)));
    }

    /// <summary>
    /// Counts the NaN / +Inf / -Inf lanes of one vector of raw bits starting at element <paramref name="start"/>,
    /// records first indexes, and returns |x| bits with the non-finite lanes zeroed (ready for the max).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<TBits> Examine128<TBits>(
        Vector128<TBits> v, nuint start, Vector128<TBits> inf, Vector128<TBits> negInf,
        ref Vector128<TBits> nanCount, ref Vector128<TBits> posInfCount, ref Vector128<TBits> negInfCount,
        ref long firstNaN, ref long firstInf)
        where TBits : unmanaged, IBinaryInteger<TBits>, IMinMaxValue<TBits>
    {
        Vector128<TBits> abs = v & Vector128.Create(AbsMask<TBits>());
        Vector128<TBits> isNaN = Vector128.GreaterThan(abs, inf);   // any payload, either sign
        Vector128<TBits> isPosInf = Vector128.Equals(v, inf);
        Vector128<TBits> isNegInf = Vector128.Equals(v, negInf);
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
        return Vector128.AndNot(abs, isNaN | isPosInf | isNegInf);
    }
}
