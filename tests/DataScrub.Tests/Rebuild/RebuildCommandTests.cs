using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.ImageFolder;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Rebuild;

/// <summary><c>datascrub rebuild</c> on the committed fixtures: exactly the bad samples go, the rest is
/// byte-identical and in order, the source never changes, and the destination appears only when verified.</summary>
public class RebuildCommandTests
{
    /// <summary>The samples a fixture's independently derived expectations call bad (an error finding).</summary>
    private static HashSet<string> ExpectedBad(string fixture)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(fixture))));
        return doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("sample").ValueKind == JsonValueKind.String
                && DataScrub.Findings.FindingKinds.Find(f.GetProperty("kind").GetString()!) is { Severity: DataScrub.Findings.Severity.Error, Level: DataScrub.Findings.FindingLevel.Sample })
            .Select(f => f.GetProperty("sample").GetString()!).ToHashSet();
    }

    private static List<(string Key, byte[] Value)> ReadLevelDb(string path)
    {
        using var reader = LevelDbReader.Open(path);
        var records = new List<(string, byte[])>();
        foreach (var s in reader.ReadSamples(CancellationToken.None))
        {
            records.Add((s.DisplayId, s.Record.ToArray()));
            s.Lease?.Release();
        }
        return records;
    }

    [Fact]
    public void Rebuild_LevelDbDropBad_KeepsExactlyTheGoodRecordsByteIdentical_AndNeverTouchesTheSource()
    {
        using var temp = new TempDirectory();
        var source = Fixtures.Path(Fixtures.LevelDb.Bad.Mixed);
        var before = TempDirectory.Snapshot(source);
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", source, "--out", destination, "--drop-bad", "--json", "-", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(before, TempDirectory.Snapshot(source));
        var bad = ExpectedBad(Fixtures.LevelDb.Bad.Mixed);
        // The error samples of caffe_mixed (fixtures/README.md): #5, #12, #16, #19, #23, #27, #31, #35.
        Assert.Equal(8, bad.Count);
        var expected = ReadLevelDb(source).Where(r => !bad.Contains(r.Key)).ToList();
        var actual = ReadLevelDb(destination);
        Assert.Equal(expected.Select(r => r.Key), actual.Select(r => r.Key));
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Value, p.Second.Value));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(destination, "datascrub-rebuild.json")));
        Assert.Equal(bad.Order(), manifest.RootElement.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("sample").GetString()).Order());
        Assert.Equal(expected.Count, manifest.RootElement.GetProperty("counts").GetProperty("written").GetInt64());
        using var report = JsonDocument.Parse(run.Out);
        var rebuild = report.RootElement.GetProperty("datasets")[0].GetProperty("rebuild");
        Assert.Equal((40L, (long)bad.Count, (long)expected.Count, true),
            (rebuild.GetProperty("source").GetInt64(), rebuild.GetProperty("dropped").GetInt64(), rebuild.GetProperty("written").GetInt64(), rebuild.GetProperty("verified").GetBoolean()));
        Assert.Empty(Directory.GetDirectories(temp.Path, ".*"));
    }

    [Fact]
    public void Rebuild_DropNamedKinds_DropsOnlyThose()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(Fixtures.LevelDb.Bad.Mixed))));
        var withNan = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() is "nan" or "fp16-overflow").Select(f => f.GetProperty("sample").GetString()!).ToHashSet();

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", destination, "--drop", "nan,fp16-overflow", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(ReadLevelDb(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed)).Select(r => r.Key).Where(k => !withNan.Contains(k)), ReadLevelDb(destination).Select(r => r.Key));
    }

    [Fact]
    public void Rebuild_ExistingDestination_IsRefusedWithoutForce_AndReplacedWithIt()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        Directory.CreateDirectory(destination);
        File.WriteAllText(Path.Combine(destination, "old.txt"), "old");

        var refused = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", destination, "--drop-bad", "--quiet");
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.True(File.Exists(Path.Combine(destination, "old.txt")));

        var forced = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", destination, "--drop-bad", "--force", "--quiet");
        Assert.True(forced.ExitCode == ExitCodes.Clean, forced.ToString());
        Assert.False(File.Exists(Path.Combine(destination, "old.txt")));
        Assert.True(File.Exists(Path.Combine(destination, "CURRENT")));
        Assert.Single(Directory.GetDirectories(temp.Path, "*", SearchOption.TopDirectoryOnly)); // no temporary or old copy left
    }

    [Fact]
    public void Rebuild_DryRun_WritesNothing_AndListsWhatWouldBeDropped()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", destination, "--drop-bad", "--dry-run", "--json", "-");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.False(Directory.Exists(destination));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
        using var report = JsonDocument.Parse(run.Out);
        var rebuild = report.RootElement.GetProperty("datasets")[0].GetProperty("rebuild");
        Assert.True(rebuild.GetProperty("dryRun").GetBoolean());
        Assert.Equal(ExpectedBad(Fixtures.LevelDb.Bad.Mixed).Order(),
            rebuild.GetProperty("droppedSamples").EnumerateArray().Select(d => d.GetProperty("sample").GetString()).Order());
        Assert.Contains("would write", run.Error);
    }

    [Fact]
    public void Rebuild_StaleTemporaryOfAKilledRun_IsReportedAndRemoved()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        // A pid far above pid_max: no such process.
        var stale = temp.Combine(".clean.datascrub-rebuild-99999999");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "partial"), "x");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", destination, "--drop-bad", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Contains(stale, run.Error);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(destination));
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("..")]
    public void Rebuild_DestinationInsideOrAroundTheSource_IsRefused(string relative)
    {
        using var temp = new TempDirectory();
        var source = temp.CopyDirectory(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "db");
        var before = TempDirectory.Snapshot(source);

        var run = CliRun.InProcess("rebuild", source, "--out", Path.GetFullPath(Path.Combine(source, relative)), "--drop-bad", "--force", "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(before, TempDirectory.Snapshot(source));
    }

    [Fact]
    public void Rebuild_Hdf5Segmentation_DropEmptyMasksAndDuplicates_LeavesNoneOfThem()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        using var expectedDoc = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(Fixtures.Hdf5.Labels.Masks))));
        var planted = expectedDoc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() is "empty-mask" or "duplicate").Select(f => f.GetProperty("sample").GetString()).Order().ToList();

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Hdf5.Labels.Masks), "--out", destination, "--drop", "nan,inf,empty-mask,duplicate", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(destination, "datascrub-rebuild.json")));
        Assert.Equal(planted, manifest.RootElement.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("sample").GetString()).Order());
        var rescan = CliRun.InProcess("scan", Path.Combine(destination, "hdf5_masks.h5"), "--json", "-", "--quiet", "--fail-on", "never");
        using var doc = JsonDocument.Parse(rescan.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        Assert.Equal(50 - planted.Count, dataset.GetProperty("samples").GetInt64());
        Assert.Equal(0, dataset.GetProperty("masks").GetProperty("empty").GetInt64());
        Assert.DoesNotContain(dataset.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() is "duplicate" or "empty-mask");
    }

    [Fact]
    public void Rebuild_WithMasks_IsRefused_RatherThanLeavingTheMasksBehind()
    {
        using var temp = new TempDirectory();

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Masks.Images), "--masks", Fixtures.Path(Fixtures.Masks.Folder), "--out", temp.Combine("clean"), "--drop", "empty-mask");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Rebuild_UnknownDropKind_IsAUsageError()
    {
        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", "/tmp/never", "--drop", "nan,bogus");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("bogus", run.Error);
    }

    [Fact]
    public void Rebuild_ImageListfile_CopiesSurvivorsAndRewritesTheListVerbatim()
    {
        using var temp = new TempDirectory();
        var list = Fixtures.Path(Fixtures.Images.TrainList);
        var root = Path.GetDirectoryName(list)!;
        var before = TempDirectory.Snapshot(root);
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", list, "--out", destination, "--drop-bad", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(before, TempDirectory.Snapshot(root));
        var bad = ExpectedBad(Fixtures.Images.TrainList);
        var listing = ImageFolderLayout.FromListFile(list, null);
        var survivors = listing.Entries.Where(e => !bad.Contains(e.Id)).ToList();
        var expectedLines = File.ReadLines(list).Where(l => ImageFolderLayout.SplitListLine(l) is var (id, _) && survivors.Any(s => s.Id == id)).ToList();
        Assert.Equal(expectedLines, File.ReadAllLines(Path.Combine(destination, "train.txt")));
        foreach (var entry in survivors)
            Assert.Equal(File.ReadAllBytes(entry.Path!), File.ReadAllBytes(Path.Combine(destination, entry.Id)));
        foreach (var id in bad)
            Assert.False(File.Exists(Path.Combine(destination, id)), id);
        // Only survivors and the manifest: nothing written outside DST, nothing unlisted copied.
        Assert.Equal(survivors.Select(s => s.Id.Replace('/', Path.DirectorySeparatorChar)).Distinct().Count() + 2,
            Directory.GetFiles(destination, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void Rebuild_Hdf5SourceList_RewritesEachFileAndTheList()
    {
        using var temp = new TempDirectory();
        var list = Fixtures.Path(Fixtures.Hdf5.Lists.Mixed);
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", list, "--out", destination, "--drop-bad", "--json", "-", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        // Row findings only: a list entry naming a missing file (missing-file) is not a sample.
        var bad = ExpectedBad(Fixtures.Hdf5.Lists.Mixed).Where(s => s.Contains('#')).ToList();
        var rescan = CliRun.InProcess("scan", Path.Combine(destination, "list.txt"), "--json", "-", "--quiet", "--fail-on", "never");
        using var doc = JsonDocument.Parse(rescan.Out);
        var dataset = doc.RootElement.GetProperty("datasets")[0];
        using var original = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(Fixtures.Hdf5.Lists.Mixed))));
        Assert.Equal(original.RootElement.GetProperty("samples").GetInt64() - bad.Count, dataset.GetProperty("samples").GetInt64());
        Assert.DoesNotContain(dataset.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() is "nan" or "inf");
    }
    [Fact]
    public void Rebuild_Hdf5ListNamingAFileTwice_ListsItTwiceAndDropsByListing()
    {
        using var temp = new TempDirectory();
        var list = Fixtures.Path(Fixtures.Hdf5.Lists.Repeated);
        var bad = ExpectedBad(Fixtures.Hdf5.Lists.Repeated).Where(s => s.Contains('#')).ToList();
        using var original = JsonDocument.Parse(File.ReadAllText(Fixtures.Path(Fixtures.Expected(Fixtures.Hdf5.Lists.Repeated))));
        var sourceSamples = original.RootElement.GetProperty("samples").GetInt64();
        // The second listing's bad rows are named contiguous_f32.h5@2#ROW, and dropped from that listing.
        Assert.Contains("contiguous_f32.h5@2#3", bad);

        // Dropping the same rows from both listings: one copy, listed twice.
        var same = temp.Combine("same");
        var run = CliRun.InProcess("rebuild", list, "--out", same, "--drop-bad", "--quiet");
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(["contiguous_f32.h5", "rows_flat.h5", "contiguous_f32.h5"], File.ReadAllLines(Path.Combine(same, "list_repeated.txt")));
        var rescan = CliRun.InProcess("scan", Path.Combine(same, "list_repeated.txt"), "--json", "-", "--quiet", "--fail-on", "never");
        using (var doc = JsonDocument.Parse(rescan.Out))
        {
            var dataset = doc.RootElement.GetProperty("datasets")[0];
            Assert.Equal(sourceSamples - bad.Count, dataset.GetProperty("samples").GetInt64());
            Assert.DoesNotContain(dataset.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() is "nan" or "inf");
        }

        // Dropping duplicates too: every row of the second listing repeats the first, so it is left out.
        var unique = temp.Combine("unique");
        run = CliRun.InProcess("rebuild", list, "--out", unique, "--drop", "nan,inf,duplicate", "--quiet");
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(["contiguous_f32.h5", "rows_flat.h5"], File.ReadAllLines(Path.Combine(unique, "list_repeated.txt")));
        Assert.False(File.Exists(Path.Combine(unique, "contiguous_f32@2.h5")));
    }
    [Theory]
    [InlineData(Fixtures.Hdf5.Bad.NeverWritten)]
    [InlineData(Fixtures.Hdf5.Bad.ContiguousUnallocated)]
    public void Rebuild_Hdf5WithRowsNeverWritten_RefusesWithoutWritingThem(string fixture)
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(fixture), "--out", destination, "--drop-bad", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        Assert.Contains("never written", run.Error);
        Assert.False(Directory.Exists(destination));
    }
}
