using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace DataScrub.Benchmarks;

/// <summary>
/// Short job for a small, noisy machine (2 cores, shared): one launch, a few warmups and ten 150 ms iterations per
/// benchmark, so a few dozen benchmarks finish in minutes. Read the Median and Ratio columns, not the Mean:
/// neighbours on a shared box produce outliers that drag the mean. Use as <c>[Config(typeof(BenchConfig))]</c>.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(150)));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        // Benchmarks tagged with categories (e.g. "float" / "double") each get their own baseline and ratios.
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
