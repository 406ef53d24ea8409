using System.Diagnostics;
using DataScrub.Fuzz.Harnesses;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

/// <summary>
/// The AFL++ campaigns' results, kept: every input of each harness's minimised corpus (fuzz/corpus/HARNESS: the
/// smallest set that covers every branch afl-fuzz reached) and every crash or hang it found (fuzz/regressions/HARNESS,
/// named after what it caught), replayed through the same harness code afl-fuzz ran, on the uninstrumented build. A
/// parser change that breaks on any of them fails here, long before anyone fuzzes again.
/// </summary>
public sealed class FuzzCorpusTests
{
    /// <summary>Far above any input's time here (milliseconds); a parser looping on an input trips it.</summary>
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Harnesses() => [.. FuzzHarnesses.All.Select(h => h.Name)];

    public static TheoryData<string, string> Regressions()
    {
        var data = new TheoryData<string, string>();
        var folder = Path.Combine(Fixtures.RepositoryRoot, "fuzz", "regressions");
        foreach (var harness in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        foreach (var file in Directory.EnumerateFiles(harness).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(harness), Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Harnesses))]
    public void EveryHarness_HasACommittedCorpus_ThatItHandles(string name)
    {
        var harness = FuzzHarnesses.Find(name)!;
        var folder = Path.Combine(Fixtures.RepositoryRoot, "fuzz", "corpus", name);
        var inputs = Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList() : [];
        Assert.True(inputs.Count >= 5, $"fuzz/corpus/{name} holds {inputs.Count} inputs: run fuzz/run.sh {name} SECONDS");
        foreach (var input in inputs) Handles(harness, input);
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void EveryInputAfl_FoundADefectIn_IsNowHandled(string name, string file) =>
        Handles(FuzzHarnesses.Find(name) ?? throw new InvalidOperationException($"fuzz/regressions/{name}: no such harness"),
            Path.Combine(Fixtures.RepositoryRoot, "fuzz", "regressions", name, file));

    [Fact]
    public void TheCliOracle_TurnsAnExitCodeTheDataMayNotCause_IntoADefect()
    {
        // The whole-dataset harnesses report a defect only through this check: were it lenient, every corpus above
        // would pass whatever the scan did. A usage error (exit 2) is not something data may cause.
        var defect = Assert.Throws<DataScrub.Fuzz.FuzzDefectException>(() =>
            DataScrub.Fuzz.InProcessCli.Run(DataScrub.Fuzz.InProcessCli.DataExitCodes, "scan", "--no-such-option"));
        Assert.Contains("exited 2", defect.Message);
        Assert.Equal(1, DataScrub.Fuzz.InProcessCli.Scan(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed)));
    }

    /// <summary>
    /// The HDF5 corpus and regressions, one after another in one process whose heap is capped as the campaign caps it
    /// (fuzz/run.sh). AFL++ runs thousands of inputs in one process, and 14 of its last finds were inputs after which
    /// the heap ran out: ArrayPool.Shared kept every 100 MB-1 GB slab and chunk buffer a damaged dataspace had asked
    /// for, and the duplicate index sized itself by the 10^15 rows a damaged dataspace declared. Each input alone
    /// passed; only a sequence shows it (three inputs failed before the fix).
    /// </summary>
    [Fact]
    public void TheHdf5Inputs_RunOneAfterAnother_UnderTheCampaignsHeapCap()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(FuzzCorpusTests).Assembly.Location))!);
        var driver = Path.Combine(Fixtures.RepositoryRoot, "fuzz", "DataScrub.Fuzz", "bin", configuration!, "net10.0", "DataScrub.Fuzz.dll");
        Assert.True(File.Exists(driver), $"{driver} is built with the solution");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[driver, "replay", "hdf5", Path.Combine(Fixtures.RepositoryRoot, "fuzz", "corpus", "hdf5"), Path.Combine(Fixtures.RepositoryRoot, "fuzz", "regressions", "hdf5")])
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x100000000";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the replay of the hdf5 corpus did not end in 3 minutes");
        }
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{output.Result}\n{error.Result}");
        Assert.Contains(" 0 defects", output.Result);
    }

    private static void Handles(IFuzzHarness harness, string input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            harness.Run(File.ReadAllBytes(input));
        }
        catch (Exception e)
        {
            Assert.Fail($"{harness.Name} on {Path.GetRelativePath(Fixtures.RepositoryRoot, input)}: {e}");
        }
        Assert.True(clock.Elapsed < PerInputLimit, $"{harness.Name} on {input} took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
