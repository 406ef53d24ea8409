using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>
/// Public HDF5 test files (fixtures/hdf5/public, catalogued in CATALOGUE.md with their sources): each
/// scans to the verdict recorded in catalogue.json (exit code, samples, expectedSamples, the count of
/// each kind below), in bounded time and without an internal error; and either the rows scanned are
/// h5py's rows (catalogue.json's h5py section, written by fixtures/hdf5_public_view.py) and every
/// dataset read has h5py's NaN and Inf rows, or a finding says why not.
/// </summary>
public class Hdf5PublicCorpusTests
{
    /// <summary>The kinds a verdict counts: what the reader finds, not the dataset analyses (batch and
    /// class mathematics, constant features), which other tests own.</summary>
    private static readonly string[] VerdictKinds =
        ["nan", "inf", "label-nan", "shape-mismatch", "unwritten-rows", "unsupported-type", "unsupported-filter",
         "missing-dataset", "no-readable-dataset", "corrupt-store", "repeated-entry"];

    /// <summary>Kinds that explain rows h5py reads and DataScrub does not.</summary>
    private static readonly string[] Explanations = ["unwritten-rows", "unsupported-type", "unsupported-filter", "no-readable-dataset", "corrupt-store"];

    private static JsonElement Catalogue { get; } = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Hdf5.Public.Catalogue))).RootElement;

    public static TheoryData<string> Files() => new(Catalogue.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()!));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Scan_PublicFile_GivesTheRecordedVerdict(string file)
    {
        var entry = Catalogue.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == file);
        var verdict = entry.GetProperty("verdict");
        var scan = Task.Run(() => CliRun.InProcess("scan", Fixtures.Path("hdf5/public/" + file), "--format", "hdf5", "--json", "-", "--quiet", "--no-duplicates"));
        var run = await scan.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(ExitCodes.InternalError, run.ExitCode);
        Assert.True(verdict.GetProperty("exit").GetInt32() == run.ExitCode, $"{file}: exit {run.ExitCode}, recorded {verdict.GetProperty("exit")}\n{run}");
        using var doc = JsonDocument.Parse(run.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        var samples = dataset.GetProperty("samples").GetInt64();
        Assert.Equal(verdict.GetProperty("samples").GetInt64(), samples);
        Assert.Equal(verdict.GetProperty("expectedSamples").GetInt64(), dataset.GetProperty("expectedSamples").GetInt64());
        var counts = dataset.GetProperty("counts").EnumerateObject().Where(c => VerdictKinds.Contains(c.Name) && c.Value.GetInt64() > 0)
            .ToDictionary(c => c.Name, c => c.Value.GetInt64());
        var recorded = verdict.GetProperty("findings").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt64());
        Assert.Equal(recorded.OrderBy(c => c.Key), counts.OrderBy(c => c.Key));

        var h5py = entry.GetProperty("h5py");
        if (!h5py.GetProperty("opens").GetBoolean()) return;
        var findings = dataset.GetProperty("findings").EnumerateArray().ToList();
        bool Explained(string? name) => findings.Any(f => Explanations.Contains(f.GetProperty("kind").GetString())
            && (name is null || f.GetProperty("field").GetString() == name || f.GetProperty("message").GetString()!.Contains($"'{name}'")));
        Assert.True(samples == h5py.GetProperty("rows").GetInt64() || Explained(null),
            $"{file}: {samples} rows scanned, h5py reads {h5py.GetProperty("rows")}, and no finding says why\n{run.Out}");
        // Every dataset DataScrub reads has the NaN and Inf rows h5py reads there.
        foreach (var (name, d) in h5py.GetProperty("root").GetProperty("datasets").EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            if (!d.TryGetProperty("nonfinite_rows", out var nonfinite) || Explained(name)) continue;
            foreach (var kind in new[] { "nan", "inf" })
                Assert.True(nonfinite.GetProperty(kind).GetInt64() == findings.Count(f => f.GetProperty("kind").GetString() == kind && f.GetProperty("field").GetString() == name),
                    $"{file}: dataset '{name}' has {nonfinite.GetProperty(kind)} {kind} rows in h5py\n{run.Out}");
        }
    }
}
