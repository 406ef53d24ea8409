using System.Text;
using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Samples;
using DataScrub.Sharding;

namespace DataScrub.Tests.Formats.Sharding;

/// <summary>
/// The reader contract of scale-out (issue 16), checked by reading a dataset whole and then as every shard of N: the
/// shards' samples (key, record bytes, label, unit, mask) and store findings, concatenated in shard order, are the whole
/// read's; indices count from 0 in each shard; every process reports the same units; units never decrease.
/// </summary>
public static class ShardedReads
{
    /// <summary>What the merge needs to be exact about one sample; the index is the reader's own.</summary>
    public sealed record ReadSample(long Index, string Key, string Record, long? Label, long Unit, string? Mask)
    {
        public override string ToString() => $"#{Index} {Key} unit {Unit} label {Label?.ToString() ?? "-"} record {Record.Length / 2} bytes{(Mask is null ? "" : " + mask")}";
    }

    public sealed record Read(DatasetInfo Info, IReadOnlyList<ReadSample> Samples, IReadOnlyList<Finding> Findings);

    public static Read ReadAll(Func<ReaderOptions, IDatasetReader> open, ReaderOptions options)
    {
        using var reader = open(options);
        var samples = new List<ReadSample>();
        foreach (var sample in reader.ReadSamples(CancellationToken.None))
        {
            samples.Add(new ReadSample(sample.Index, Encoding.UTF8.GetString(sample.Key.Span), Convert.ToHexString(sample.Record.Span),
                sample.Label, sample.Unit, sample.Mask is { } mask ? Convert.ToHexString(mask.Span) : null));
            sample.Lease?.Release();
        }
        return new Read(reader.Info, samples, [.. reader.StoreFindings]);
    }

    /// <summary>Every difference between the whole read and the shards of <paramref name="count"/>, as lines; none when the
    /// contract holds.</summary>
    public static List<string> Differences(Func<ReaderOptions, IDatasetReader> open, ReaderOptions options, Read whole, int count)
    {
        var errors = new List<string>();
        var samples = new List<ReadSample>();
        var findings = new List<Finding>();
        for (var index = 0; index < count; index++)
        {
            var shard = new ShardSpec(index, count);
            var part = ReadAll(open, options with { Shard = shard });
            if (part.Info.Units != whole.Info.Units) errors.Add($"shard {shard}: {part.Info.Units} units, the whole read {whole.Info.Units}");
            if (part.Info.Shard != shard) errors.Add($"shard {shard}: Info.Shard is {part.Info.Shard}");
            if (part.Info.ExpectedSamples != whole.Info.ExpectedSamples)
                errors.Add($"shard {shard}: expects {part.Info.ExpectedSamples} samples, the whole read {whole.Info.ExpectedSamples}");
            var (first, end) = shard.UnitsOf(whole.Info.Units);
            for (var i = 0; i < part.Samples.Count; i++)
            {
                var sample = part.Samples[i];
                if (sample.Index != i) errors.Add($"shard {shard}: sample {i} has index {sample.Index}");
                if (sample.Unit < first || sample.Unit >= end) errors.Add($"shard {shard}: {sample} lies outside its units [{first}, {end})");
            }
            samples.AddRange(part.Samples);
            findings.AddRange(part.Findings);
        }
        var expected = whole.Samples;
        for (var i = 0; i < Math.Max(expected.Count, samples.Count); i++)
        {
            var want = i < expected.Count ? expected[i] with { Index = 0 } : null;
            var got = i < samples.Count ? samples[i] with { Index = 0 } : null;
            if (want != got)
            {
                errors.Add($"{count} shards: sample {i} is {got?.ToString() ?? "missing"}, the whole read's {want?.ToString() ?? "none"}");
                break;
            }
        }
        for (var i = 0; i < Math.Max(whole.Findings.Count, findings.Count); i++)
        {
            var want = i < whole.Findings.Count ? whole.Findings[i] : null;
            var got = i < findings.Count ? findings[i] : null;
            if (want != got)
            {
                errors.Add($"{count} shards: store finding {i} is {got?.Message ?? "missing"}, the whole read's {want?.Message ?? "none"}");
                break;
            }
        }
        return errors;
    }

    /// <summary>The whole read's own promises: units from 0, non-decreasing, below <see cref="DatasetInfo.Units"/>, at most 1024.</summary>
    public static List<string> UnitErrors(Read whole)
    {
        var errors = new List<string>();
        if (whole.Info.Units is < 1 or > 1024) errors.Add($"{whole.Info.Units} units (1 to 1024)");
        long previous = 0;
        foreach (var sample in whole.Samples)
        {
            if (sample.Unit < previous || sample.Unit >= whole.Info.Units) errors.Add($"{sample}: unit after {previous}, of {whole.Info.Units}");
            previous = sample.Unit;
        }
        if (whole.Samples.Count >= 7 && whole.Info.Units < 7) errors.Add($"{whole.Samples.Count} samples in only {whole.Info.Units} units: 7 shards cannot all get data");
        return errors;
    }

    /// <summary>Runs the whole contract for N = 1, 2, 3, 7 and fails with every difference found.</summary>
    public static void AssertShardsAddUp(string dataset, Func<ReaderOptions, IDatasetReader> open, ReaderOptions options)
    {
        var whole = ReadAll(open, options);
        var errors = UnitErrors(whole);
        foreach (var count in new[] { 1, 2, 3, 7 })
            errors.AddRange(Differences(open, options, whole, count));
        Assert.True(errors.Count == 0, $"{dataset} ({whole.Samples.Count} samples, {whole.Findings.Count} store findings, {whole.Info.Units} units):\n{string.Join("\n", errors)}");
    }
}
