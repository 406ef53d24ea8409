using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Filters;
using DataScrub.Checks.NonFinite;

namespace DataScrub.Benchmarks.NonFinite;

/// <summary>
/// The non-finite scan per SIMD width against the scalar reference (Baseline), for float and double.
/// Lengths: one CIFAR-10 Datum (3×32×32 = 3072 values, L1-resident) and 1 Mi values (4/8 MiB, cache-bound).
/// "AllFinite" is the common case and times the hot loop alone; "NaNNearEnd" adds one NaN in the last 1/64
/// of the span, so the detailed path runs once and FirstNaNIndex must be found late.
/// </summary>
[Config(typeof(BenchConfig))]
[AcceleratedWidthsOnly]
[CategoriesColumn]
public class NonFiniteScanBenchmarks
{
    public enum DataShape { AllFinite, NaNNearEnd }

    [Params(3072, 1_048_576)]
    public int Length { get; set; }

    [ParamsAllValues]
    public DataShape Shape { get; set; }

    private float[] _floats = [];
    private double[] _doubles = [];

    [GlobalSetup]
    public void Setup()
    {
        // Normalised image pixels: (byte / 255 - mean) / std, as a CIFAR pipeline feeds a model. Every value is
        // finite and in about [-2, 2.2]; the kernels' cost does not depend on the values, only on finiteness.
        var rng = new Random(42);
        const float mean = 0.4914f, std = 0.2470f;
        _floats = new float[Length];
        _doubles = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            float x = (rng.Next(256) / 255f - mean) / std;
            _floats[i] = x;
            _doubles[i] = x;
        }
        if (Shape == DataShape.NaNNearEnd)
        {
            int at = Length - Length / 64 + 5;   // inside a full block, away from the ragged end
            _floats[at] = float.NaN;
            _doubles[at] = double.NaN;
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("float")]
    public NonFiniteStats Float_Scalar() => NonFiniteScanner.ScanScalar(_floats);

    [Benchmark, BenchmarkCategory("float")]
    public NonFiniteStats Float_Vector128() => NonFiniteScanner.ScanVector128(_floats);

    [Benchmark, BenchmarkCategory("float")]
    public NonFiniteStats Float_Vector256() => NonFiniteScanner.ScanVector256(_floats);

    [Benchmark, BenchmarkCategory("float")]
    public NonFiniteStats Float_Vector512() => NonFiniteScanner.ScanVector512(_floats);

    [Benchmark, BenchmarkCategory("float")]
    public NonFiniteStats Float_Scan() => NonFiniteScanner.Scan(_floats);

    [Benchmark(Baseline = true), BenchmarkCategory("double")]
    public NonFiniteStats Double_Scalar() => NonFiniteScanner.ScanScalar(_doubles);

    [Benchmark, BenchmarkCategory("double")]
    public NonFiniteStats Double_Vector128() => NonFiniteScanner.ScanVector128(_doubles);

    [Benchmark, BenchmarkCategory("double")]
    public NonFiniteStats Double_Vector256() => NonFiniteScanner.ScanVector256(_doubles);

    [Benchmark, BenchmarkCategory("double")]
    public NonFiniteStats Double_Vector512() => NonFiniteScanner.ScanVector512(_doubles);

    [Benchmark, BenchmarkCategory("double")]
    public NonFiniteStats Double_Scan() => NonFiniteScanner.Scan(_doubles);
}

/// <summary>
/// Drops the benchmarks of a width this machine does not accelerate (they would throw PlatformNotSupportedException)
/// instead of reporting them as failed. Decided in the host process, which runs on the same machine.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceleratedWidthsOnlyAttribute() : FilterConfigBaseAttribute(new SimpleFilter(benchmark =>
{
    string name = benchmark.Descriptor.WorkloadMethod.Name;
    return !(name.EndsWith("Vector512", StringComparison.Ordinal) && !Vector512.IsHardwareAccelerated
          || name.EndsWith("Vector256", StringComparison.Ordinal) && !Vector256.IsHardwareAccelerated
          || name.EndsWith("Vector128", StringComparison.Ordinal) && !Vector128.IsHardwareAccelerated);
}));
