using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CsCheck;
using DataScrub.Checks.NonFinite;

namespace DataScrub.Tests.Checks.NonFinite;

/// <summary>
/// Every SIMD kernel (and the dispatching <see cref="NonFiniteScanner.Scan(ReadOnlySpan{float})"/>) must return
/// exactly what the scalar reference returns, for float and double; the reference itself is pinned down by
/// hand-computed cases. All randomness is seeded, so a run is deterministic.
/// </summary>
public sealed class NonFiniteScannerTests
{
    private delegate NonFiniteStats FloatKernel(ReadOnlySpan<float> values);
    private delegate NonFiniteStats DoubleKernel(ReadOnlySpan<double> values);

    public static TheoryData<string> Kernels => new() { "Vector128", "Vector256", "Vector512", "Scan" };

    /// <summary>False when the width is not accelerated here: the caller returns early (the test passes vacuously).</summary>
    private static bool TryGetKernel(string name, out FloatKernel f, out DoubleKernel d)
    {
        switch (name)
        {
            case "Vector128":
                f = NonFiniteScanner.ScanVector128; d = NonFiniteScanner.ScanVector128;
                return Vector128.IsHardwareAccelerated;
            case "Vector256":
                f = NonFiniteScanner.ScanVector256; d = NonFiniteScanner.ScanVector256;
                return Vector256.IsHardwareAccelerated;
            case "Vector512":
                f = NonFiniteScanner.ScanVector512; d = NonFiniteScanner.ScanVector512;
                return Vector512.IsHardwareAccelerated;
            case "Scan":
                f = NonFiniteScanner.Scan; d = NonFiniteScanner.Scan;
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    // ---- Generators ----------------------------------------------------------------------------------------

    private static float FloatFromBits(uint bits) => BitConverter.UInt32BitsToSingle(bits);
    private static double DoubleFromBits(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    private static readonly Gen<float> FloatNaN = Gen.UInt.Select(u =>
    {
        uint payload = u & 0x007F_FFFFu;
        if (payload == 0) payload = 1u;                      // an all-zero mantissa would be ±Inf
        return FloatFromBits((u & 0x8000_0000u) | 0x7F80_0000u | payload);
    });

    private static readonly Gen<double> DoubleNaN = Gen.ULong.Select(u =>
    {
        ulong payload = u & 0x000F_FFFF_FFFF_FFFFul;
        if (payload == 0) payload = 1ul;
        return DoubleFromBits((u & 0x8000_0000_0000_0000ul) | 0x7FF0_0000_0000_0000ul | payload);
    });

    private static readonly Gen<float> FloatInf = Gen.OneOf(float.PositiveInfinity, float.NegativeInfinity);
    private static readonly Gen<double> DoubleInf = Gen.OneOf(double.PositiveInfinity, double.NegativeInfinity);

    // Random subnormal patterns (exponent field 0, either sign; includes ±0 now and then).
    private static readonly Gen<float> FloatSubnormal = Gen.UInt.Select(u => FloatFromBits(u & 0x807F_FFFFu));
    private static readonly Gen<double> DoubleSubnormal = Gen.ULong.Select(u => DoubleFromBits(u & 0x800F_FFFF_FFFF_FFFFul));

    private static readonly Gen<float> FloatEdgeFinite = Gen.OneOf(
        0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
        FloatFromBits(0x0080_0000u) /* smallest normal */, FloatFromBits(0x007F_FFFFu) /* largest subnormal */);

    private static readonly Gen<double> DoubleEdgeFinite = Gen.OneOf(
        0d, -0d, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
        DoubleFromBits(0x0010_0000_0000_0000ul), DoubleFromBits(0x000F_FFFF_FFFF_FFFFul));

    private static readonly Gen<float> FloatFinite = Gen.Frequency(
        (6, (IGen<float>)Gen.Float[-1000f, 1000f]),      // pixel-ish / activation-ish magnitudes
        (2, (IGen<float>)Gen.Float),                     // CsCheck's full finite range
        (1, (IGen<float>)FloatSubnormal),
        (1, (IGen<float>)FloatEdgeFinite));

    private static readonly Gen<double> DoubleFinite = Gen.Frequency(
        (6, (IGen<double>)Gen.Double[-1000d, 1000d]),
        (2, (IGen<double>)Gen.Double),
        (1, (IGen<double>)DoubleSubnormal),
        (1, (IGen<double>)DoubleEdgeFinite));

    private static readonly Gen<float> FloatNonFinite = Gen.Frequency((1, (IGen<float>)FloatNaN), (1, (IGen<float>)FloatInf));
    private static readonly Gen<double> DoubleNonFinite = Gen.Frequency((1, (IGen<double>)DoubleNaN), (1, (IGen<double>)DoubleInf));

    /// <summary>
    /// Density matters: a kernel's rare slow path is only exercised when some vector holds a non-finite lane, and its
    /// fast max path only when whole blocks are finite, so arrays are drawn in four regimes.
    /// </summary>
    private enum Density { AllFinite, OneNonFinite, Sparse, Dense }

    private static T[] MakeArray<T>(PCG pcg, int length, Density density, Gen<T> finite, Gen<T> nonFinite)
    {
        var a = new T[length];
        for (int i = 0; i < length; i++)
        {
            bool bad = density switch
            {
                Density.Sparse => pcg.Next(100) < 2,
                Density.Dense => pcg.Next(100) < 40,
                _ => false,
            };
            a[i] = (bad ? nonFinite : finite).Generate(pcg, null!, out _);
        }
        if (density == Density.OneNonFinite && length > 0)
            a[pcg.Next((uint)length)] = nonFinite.Generate(pcg, null!, out _);
        return a;
    }

    private static float[] MakeFloats(PCG pcg, int length, Density density) => MakeArray(pcg, length, density, FloatFinite, FloatNonFinite);
    private static double[] MakeDoubles(PCG pcg, int length, Density density) => MakeArray(pcg, length, density, DoubleFinite, DoubleNonFinite);

    private const int MaxExhaustiveLength = 1024;

    // Shared by every kernel's theory row so the inputs are generated once per test run.
    private static readonly Lazy<(float[][] Floats, double[][] Doubles)> Exhaustive = new(() =>
    {
        var pcg = new PCG(1, 20_251_101);
        var floats = new float[MaxExhaustiveLength + 1][];
        var doubles = new double[MaxExhaustiveLength + 1][];
        for (int n = 0; n <= MaxExhaustiveLength; n++)
        {
            floats[n] = MakeFloats(pcg, n, (Density)(n % 4));
            doubles[n] = MakeDoubles(pcg, n, (Density)((n / 4) % 4));   // different regime per length than floats
        }
        return (floats, doubles);
    });

    // ---- Comparison ------------------------------------------------------------------------------------------

    // Record equality on doubles treats -0 == +0; the kernels must match the reference bit for bit.
    private static void AssertSame(NonFiniteStats expected, NonFiniteStats actual, string context)
    {
        if (expected != actual
            || BitConverter.DoubleToInt64Bits(expected.MaxFiniteAbs) != BitConverter.DoubleToInt64Bits(actual.MaxFiniteAbs))
        {
            Assert.Fail($"{context}\n expected {expected}\n actual   {actual}");
        }
    }

    private static void AssertMatchesScalar(FloatKernel kernel, ReadOnlySpan<float> values, string context)
        => AssertSame(NonFiniteScanner.ScanScalar(values), kernel(values), context);

    private static void AssertMatchesScalar(DoubleKernel kernel, ReadOnlySpan<double> values, string context)
        => AssertSame(NonFiniteScanner.ScanScalar(values), kernel(values), context);

    // ---- Properties against the reference -------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryLengthUpTo1024_MatchesScalar(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        var (floats, doubles) = Exhaustive.Value;
        for (int n = 0; n <= MaxExhaustiveLength; n++)
        {
            AssertMatchesScalar(f, floats[n], $"{kernel} float len={n}");
            AssertMatchesScalar(d, doubles[n], $"{kernel} double len={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public unsafe void MisalignedStarts_MatchScalar(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        var pcg = new PCG(2, 77);
        int[] lengths = [0, 1, 7, 15, 16, 17, 31, 63, 64, 65, 100, 255, 256, 257, 1000, 3072];
        const int maxOffset = 15;
        int capacity = lengths.Max() + maxOffset;

        // 64-byte aligned base, so offset k really is k elements past a cache-line / zmm boundary.
        float* fbuf = (float*)NativeMemory.AlignedAlloc((nuint)(capacity * sizeof(float)), 64);
        double* dbuf = (double*)NativeMemory.AlignedAlloc((nuint)(capacity * sizeof(double)), 64);
        try
        {
            var fAll = new Span<float>(fbuf, capacity);
            var dAll = new Span<double>(dbuf, capacity);
            foreach (Density density in Enum.GetValues<Density>())
            {
                MakeFloats(pcg, capacity, density).CopyTo(fAll);
                MakeDoubles(pcg, capacity, density).CopyTo(dAll);
                for (int offset = 1; offset <= maxOffset; offset++)
                {
                    foreach (int n in lengths)
                    {
                        AssertMatchesScalar(f, fAll.Slice(offset, n), $"{kernel} float {density} offset={offset} len={n}");
                        AssertMatchesScalar(d, dAll.Slice(offset, n), $"{kernel} double {density} offset={offset} len={n}");
                    }
                }
            }
        }
        finally
        {
            NativeMemory.AlignedFree(fbuf);
            NativeMemory.AlignedFree(dbuf);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void RandomLongerSpans_MatchScalar(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        var cases = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 5000], Gen.Int[0, 15], Gen.UInt, (density, length, offset, seed) =>
            (Density: (Density)density, Length: length, Offset: offset, Seed: seed));
        cases.Sample(c =>
        {
            var pcg = new PCG(3, c.Seed);
            float[] fs = MakeFloats(pcg, c.Length + c.Offset, c.Density);
            double[] ds = MakeDoubles(pcg, c.Length + c.Offset, c.Density);
            AssertMatchesScalar(f, fs.AsSpan(c.Offset), $"{kernel} float {c}");
            AssertMatchesScalar(d, ds.AsSpan(c.Offset), $"{kernel} double {c}");
        }, seed: new PCG(4, 2025).ToString(), iter: 200, threads: 1);
    }

    // ---- Specific cases, with hand-written expectations (they also pin the reference) --------------------------

    private static IEnumerable<float> Ramp(int n) => Enumerable.Range(0, n).Select(i => (i % 255) / 255f - 0.5f);

    /// <summary>Asserts the expectation for the reference, and that the kernel agrees with it.</summary>
    private static void Expect(FloatKernel f, DoubleKernel d, float[] values, NonFiniteStats expected, string context)
    {
        AssertSame(expected, NonFiniteScanner.ScanScalar(values), $"scalar float {context}");
        AssertSame(expected, f(values), $"float {context}");
        // Every float is exactly a double (and a float NaN/Inf stays one), so the same expectation holds.
        double[] widened = values.Select(v => (double)v).ToArray();
        AssertSame(expected, NonFiniteScanner.ScanScalar(widened), $"scalar double {context}");
        AssertSame(expected, d(widened), $"double {context}");
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void SingleNaNDeepInsideALongSpan(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        float[] v = Ramp(3072).ToArray();
        v[3001] = float.NaN;
        Expect(f, d, v, new(1, 0, 0, 3001, 3001, -1, 0.5), kernel);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void NaNOnlyInTheRaggedTail(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        // 64k + r with r in 1..63 is ragged for every width and lane type; also lengths shorter than one vector.
        foreach (int n in new[] { 1, 3, 7, 15, 63, 64 * 48 + 1, 64 * 48 + 13, 64 * 48 + 63 })
        {
            float[] v = Ramp(n).ToArray();
            v[n - 1] = -float.NaN;
            double max = n == 1 ? 0 : 0.5;
            Expect(f, d, v, new(1, 0, 0, n - 1, n - 1, -1, max), $"{kernel} len={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void InfinityInTheFirstLane(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        foreach (int n in new[] { 1, 2, 16, 64, 3072 })
        {
            float[] v = Enumerable.Repeat(3f, n).ToArray();
            v[0] = float.NegativeInfinity;
            Expect(f, d, v, new(0, 0, 1, 0, -1, 0, n == 1 ? 0 : 3), $"{kernel} -Inf len={n}");
            v[0] = float.PositiveInfinity;
            Expect(f, d, v, new(0, 1, 0, 0, -1, 0, n == 1 ? 0 : 3), $"{kernel} +Inf len={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void AllNonFinite_MaxFiniteAbsIsPositiveZero(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        foreach (int n in new[] { 3, 64, 1000 })
        {
            // Pattern NaN, +Inf, -Inf, NaN, ...
            float[] v = Enumerable.Range(0, n).Select(i => (i % 3) switch
            {
                0 => float.NaN,
                1 => float.PositiveInfinity,
                _ => float.NegativeInfinity,
            }).ToArray();
            long nan = (n + 2) / 3, pos = (n + 1) / 3, neg = n / 3;
            Expect(f, d, v, new(nan, pos, neg, 0, 0, 1, 0), $"{kernel} len={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void MaxValueIsFiniteAndBecomesMaxFiniteAbs(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        float[] v = Ramp(300).ToArray();
        v[17] = float.MinValue;                 // |MinValue| == MaxValue
        v[250] = float.PositiveInfinity;        // bit pattern right above MaxValue, must not count
        v[260] = float.MaxValue;
        Expect(f, d, v, new(0, 1, 0, 250, -1, 250, float.MaxValue), kernel);

        double[] dv = Ramp(300).Select(x => (double)x).ToArray();
        dv[5] = double.MaxValue;
        dv[200] = double.NegativeInfinity;
        AssertSame(new(0, 0, 1, 200, -1, 200, double.MaxValue), NonFiniteScanner.ScanScalar(dv), "scalar double MaxValue");
        AssertSame(new(0, 0, 1, 200, -1, 200, double.MaxValue), d(dv), $"{kernel} double MaxValue");
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void SignedZeroesAndSubnormals(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        foreach (int n in new[] { 1, 5, 64, 1000 })
        {
            float[] negZero = Enumerable.Repeat(-0f, n).ToArray();
            Expect(f, d, negZero, new(0, 0, 0, -1, -1, -1, 0), $"{kernel} -0 len={n}");
            Assert.False(double.IsNegative(f(negZero).MaxFiniteAbs), "MaxFiniteAbs must be +0, not -0");
            Assert.False(double.IsNegative(d(negZero.Select(x => (double)x).ToArray()).MaxFiniteAbs), "double MaxFiniteAbs must be +0");

            float[] subnormal = Enumerable.Repeat(-float.Epsilon, n).ToArray();
            subnormal[n / 2] = FloatFromBits(0x8000_0003u);
            Expect(f, d, subnormal, new(0, 0, 0, -1, -1, -1, 3 * (double)float.Epsilon), $"{kernel} subnormal len={n}");

            double[] dsub = Enumerable.Repeat(double.Epsilon, n).ToArray();
            AssertSame(new(0, 0, 0, -1, -1, -1, double.Epsilon), d(dsub), $"{kernel} double subnormal len={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void NaNPayloadsAndSignsAllCountAsNaN(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        float[] v = Ramp(200).ToArray();
        uint[] patterns = [0x7FC0_0000u, 0xFFC0_0000u, 0x7F80_0001u, 0xFF80_0001u, 0x7FFF_FFFFu, 0xFFFF_FFFFu, 0x7FA5_5AA5u];
        for (int k = 0; k < patterns.Length; k++) v[100 + 7 * k] = FloatFromBits(patterns[k]);
        Expect(f, d, v, new(patterns.Length, 0, 0, 100, 100, -1, 0.5), kernel);

        double[] dv = new double[100];
        ulong[] dpatterns = [0x7FF8_0000_0000_0000ul, 0xFFF0_0000_0000_0001ul, 0x7FFF_FFFF_FFFF_FFFFul, 0xFFFF_FFFF_FFFF_FFFFul];
        for (int k = 0; k < dpatterns.Length; k++) dv[10 + 20 * k] = DoubleFromBits(dpatterns[k]);
        AssertSame(new(4, 0, 0, 10, 10, -1, 0), NonFiniteScanner.ScanScalar(dv), "scalar double payloads");
        AssertSame(new(4, 0, 0, 10, 10, -1, 0), d(dv), $"{kernel} double payloads");
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void LargeAllNaNSpan_CountsEveryLane(string kernel)
    {
        if (!TryGetKernel(kernel, out var f, out var d)) return;
        const int n = (1 << 20) + 5;      // every vector takes the slow path; lane counters reach ~n/lanes
        float[] v = new float[n];
        v.AsSpan().Fill(float.NaN);
        v[n - 2] = float.NegativeInfinity;
        AssertSame(new(n - 1, 0, 1, 0, 0, n - 2, 0), f(v), $"{kernel} float");
        double[] dv = new double[n];
        dv.AsSpan().Fill(double.PositiveInfinity);
        dv[1] = double.NaN;
        AssertSame(new(1, n - 1, 0, 0, 1, 0, 0), d(dv), $"{kernel} double");
    }

    // ---- The reference, checked by hand ----------------------------------------------------------------------

    [Fact]
    public void ScalarReference_HandComputed()
    {
        AssertSame(NonFiniteStats.Empty, NonFiniteScanner.ScanScalar(ReadOnlySpan<float>.Empty), "empty float");
        AssertSame(NonFiniteStats.Empty, NonFiniteScanner.ScanScalar(ReadOnlySpan<double>.Empty), "empty double");

        float[] v = [1.5f, -2.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, -float.NaN, 3e38f, float.NegativeInfinity, float.Epsilon];
        var s = NonFiniteScanner.ScanScalar(v);
        Assert.Equal(2, s.NaNCount);
        Assert.Equal(1, s.PositiveInfinityCount);
        Assert.Equal(2, s.NegativeInfinityCount);
        Assert.Equal(3, s.InfinityCount);
        Assert.Equal(2, s.FirstNonFiniteIndex);
        Assert.Equal(2, s.FirstNaNIndex);
        Assert.Equal(3, s.FirstInfinityIndex);
        Assert.Equal((double)3e38f, s.MaxFiniteAbs);
        Assert.False(s.AllFinite);

        double[] dv = [-7.25, 3, double.NegativeInfinity, 0.5];
        AssertSame(new(0, 0, 1, 2, -1, 2, 7.25), NonFiniteScanner.ScanScalar(dv), "double -Inf before no NaN");

        double[] finite = [-1e-300, 2e-310, -0.0, 4.0];
        var fs = NonFiniteScanner.ScanScalar(finite);
        AssertSame(new(0, 0, 0, -1, -1, -1, 4.0), fs, "double all finite");
        Assert.True(fs.AllFinite);

        float[] infThenNaN = [0f, float.PositiveInfinity, 1f, float.NaN];
        AssertSame(new(1, 1, 0, 1, 3, 1, 1.0), NonFiniteScanner.ScanScalar(infThenNaN), "Inf before NaN");
    }

    // ---- Dispatch --------------------------------------------------------------------------------------------

    [Fact]
    public void ActivePath_IsTheWidestAcceleratedWidth()
    {
        string expected = Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "Scalar";
        Assert.Equal(expected, NonFiniteScanner.ActivePath);
    }

    [Fact]
    public void UnacceleratedWidths_Throw()
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            Assert.Throws<PlatformNotSupportedException>(() => NonFiniteScanner.ScanVector128(new float[64]));
            Assert.Throws<PlatformNotSupportedException>(() => NonFiniteScanner.ScanVector128(new double[64]));
        }
        if (!Vector256.IsHardwareAccelerated)
        {
            Assert.Throws<PlatformNotSupportedException>(() => NonFiniteScanner.ScanVector256(new float[64]));
            Assert.Throws<PlatformNotSupportedException>(() => NonFiniteScanner.ScanVector256(new double[64]));
        }
        if (!Vector512.IsHardwareAccelerated)
        {
            Assert.Throws<PlatformNotSupportedException>(() => NonFiniteScanner.ScanVector512(new float[64]));
            Assert.Throws<PlatformNotSupportedException>(() => NonFiniteScanner.ScanVector512(new double[64]));
        }
    }
}
