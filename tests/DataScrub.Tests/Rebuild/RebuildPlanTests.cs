using System.Text.Json;
using System.Text.RegularExpressions;
using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Rebuild;

/// <summary>
/// The rebuild decides before writing: a file of the source that Caffe refuses (or a list entry naming no file)
/// is left out whole when the drop rule covers its finding, named in the manifest and the summary, and refused
/// with one line otherwise; what the source holds that DataScrub cannot read is refused; and --dry-run says
/// exactly what the real run does. (Impossible conversions, refused before the scan: RebuildConvertShuffleTests.)
/// </summary>
public class RebuildPlanTests
{
    private static string Hdf5(string name) => Fixtures.Path(Fixtures.Hdf5.Folder + "/" + name);

    /// <summary>An HDF5 source list in a temporary folder naming copies of the given fixture files (and missing ones).</summary>
    private static string Hdf5List(TempDirectory temp, params string[] files)
    {
        var folder = temp.Combine("source");
        Directory.CreateDirectory(folder);
        foreach (var file in files.Where(f => File.Exists(Hdf5(f))))
            File.Copy(Hdf5(file), Path.Combine(folder, file));
        var list = Path.Combine(folder, "list.txt");
        File.WriteAllLines(list, files);
        return list;
    }

    private static JsonElement Manifest(string destination) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(destination, "datascrub-rebuild.json"))).RootElement;

    private static List<(string File, string Kinds, long Samples)> DroppedFiles(JsonElement owner) =>
        [.. owner.GetProperty("droppedFiles").EnumerateArray().Select(f => (
            f.GetProperty("file").GetString()!,
            string.Join(",", f.GetProperty("kinds").EnumerateArray().Select(k => k.GetString())),
            f.GetProperty("samples").GetInt64()))];

    private static void AssertRefusedBeforeWriting(CliRun run, TempDirectory temp, string destination, string line)
    {
        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        Assert.Equal(line, run.Error.TrimEnd());
        Assert.False(Directory.Exists(destination));
        Assert.Empty(Directory.GetDirectories(temp.Path, ".*"));
    }

    [Fact]
    public void Hdf5List_FileWhoseDatasetsDifferInN_DropBad_LeavesTheFileOut_AndNamesIt()
    {
        using var temp = new TempDirectory();
        var list = Hdf5List(temp, "contiguous_f32.h5", "mismatched_n.h5");
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", list, "--out", destination, "--drop-bad");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(["contiguous_f32.h5"], File.ReadAllLines(Path.Combine(destination, "list.txt")));
        Assert.False(File.Exists(Path.Combine(destination, "mismatched_n.h5")));
        var manifest = Manifest(destination);
        Assert.Equal([("mismatched_n.h5", "shape-mismatch", 10L)], DroppedFiles(manifest));
        // 20 + 10 rows; the 4 bad rows of contiguous_f32.h5 and the 10 of the dropped file go.
        Assert.Equal((30L, 14L, 16L), (manifest.GetProperty("counts").GetProperty("source").GetInt64(),
            manifest.GetProperty("counts").GetProperty("dropped").GetInt64(), manifest.GetProperty("counts").GetProperty("written").GetInt64()));
        Assert.Contains("  drop file mismatched_n.h5 (shape-mismatch, 10 samples): datasets differ in their first dimension N", run.Out);
    }

    [Fact]
    public void Hdf5List_FileWithOtherRowShapes_DropShapeMismatch_LeavesTheFileOut()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Hdf5.Lists.TrailingMismatch), "--out", destination, "--drop", "shape-mismatch", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(["contiguous_f32.h5"], File.ReadAllLines(Path.Combine(destination, "list_trailing_mismatch.txt")));
        Assert.Equal([("gzip_shuffle_f32.h5", "shape-mismatch", 30L)], DroppedFiles(Manifest(destination)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nan")]
    public void Hdf5List_FileCaffeRefuses_WithoutADropThatCoversIt_IsRefusedBeforeWriting(string dropKinds)
    {
        string[] drop = dropKinds.Length == 0 ? [] : ["--drop", dropKinds];
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess(["rebuild", Fixtures.Path(Fixtures.Hdf5.Lists.TrailingMismatch), "--out", destination, "--quiet", .. drop]);

        AssertRefusedBeforeWriting(run, temp, destination,
            "datascrub: gzip_shuffle_f32.h5: dataset 'data' holds 50 values per row (2x5x5) in gzip_shuffle_f32.h5 but 48 (3x4x4) in contiguous_f32.h5; "
            + "Caffe shapes the top from the first file it loads and copies that many values per row from every file, so these rows are read misaligned; "
            + "give --drop-bad or --drop shape-mismatch to leave the file out of the copy; nothing was written");
    }

    [Fact]
    public void Hdf5List_MissingFile_DropBad_IsNamedAsLeftOut_WithoutDropIsRefused()
    {
        using var temp = new TempDirectory();
        var list = Hdf5List(temp, "contiguous_f32.h5", "missing_part.h5");

        var dropped = CliRun.InProcess("rebuild", list, "--out", temp.Combine("clean"), "--drop-bad", "--quiet");
        var refused = CliRun.InProcess("rebuild", list, "--out", temp.Combine("plain"), "--quiet");

        Assert.True(dropped.ExitCode == ExitCodes.Clean, dropped.ToString());
        Assert.Equal(["contiguous_f32.h5"], File.ReadAllLines(temp.Combine("clean", "list.txt")));
        Assert.Equal([("missing_part.h5", "missing-file", 0L)], DroppedFiles(Manifest(temp.Combine("clean"))));
        AssertRefusedBeforeWriting(refused, temp, temp.Combine("plain"),
            "datascrub: missing_part.h5: missing_part.h5 is listed in list.txt but does not exist (looked beside the list and in the working directory); "
            + "give --drop-bad or --drop missing-file to leave it out of the copy; nothing was written");
    }

    [Fact]
    public void ImageListfile_LinesNamingNoImage_WithoutDropAreRefused_WithDropBadAreNamed()
    {
        using var temp = new TempDirectory();
        var list = Fixtures.Path(Fixtures.Images.TrainList);

        var refused = CliRun.InProcess("rebuild", list, "--out", temp.Combine("plain"), "--quiet");
        var dropped = CliRun.InProcess("rebuild", list, "--out", temp.Combine("clean"), "--drop-bad", "--quiet");

        Assert.True(refused.ExitCode == ExitCodes.Unreadable, refused.ToString());
        Assert.Single(refused.Error.TrimEnd().Split('\n'));
        Assert.EndsWith("to leave it out of the copy; nothing was written", refused.Error.TrimEnd());
        Assert.True(dropped.ExitCode == ExitCodes.Clean, dropped.ToString());
        // The three lines of train.txt that name no readable image (fixtures/README.md): each named, none with samples.
        var entries = DroppedFiles(Manifest(temp.Combine("clean")));
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(0L, e.Samples));
        Assert.Contains(entries, e => e.File == "../../README.md" && e.Kinds == "missing-file");
    }

    [Fact]
    public void Hdf5_FilterDataScrubCannotDecode_IsRefusedBeforeWriting_NamingTheFileDatasetAndFilter()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Hdf5.Bad.Lzf), "--out", destination, "--drop-bad", "--quiet");

        AssertRefusedBeforeWriting(run, temp, destination,
            "datascrub: lzf.h5: dataset 'data' rows 0..9 (10 of 10) are compressed with lzf (filter 32000), which DataScrub cannot decode (deflate, shuffle and fletcher32 it can); they are not scanned, so it cannot be copied; nothing was written");
    }

    /// <summary>With --data label, 'data' is not scanned (no finding), but the copy would still have to read it.</summary>
    [Fact]
    public void Hdf5_FilterDataScrubCannotDecode_InADatasetNotScanned_IsRefusedToo()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Hdf5.Bad.Lzf), "--out", destination, "--data", "label", "--quiet");

        AssertRefusedBeforeWriting(run, temp, destination,
            "datascrub: lzf.h5: dataset 'data' is compressed with lzf (filter 32000), which DataScrub cannot decode (deflate, shuffle and fletcher32 it can), so it cannot be copied; nothing was written");
    }

    /// <summary>Chunked big-endian data (which PureHDF refuses to convert) is read by DataScrub's own chunk reader:
    /// scanned, and copied little-endian with the same values (verified by the re-scan), said in a note.</summary>
    [Fact]
    public void Hdf5_ChunkedBigEndianData_IsCopiedLittleEndian_AlsoPromisedByADryRun()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        var source = Fixtures.Path(Fixtures.Hdf5.Bad.BigEndianChunkedNoRebuild);
        const string note = "note: bigendian_chunked.h5: dataset 'data': float32 big-endian written little-endian";

        var dry = CliRun.InProcess("rebuild", source, "--out", destination, "--drop-bad", "--dry-run");
        var real = CliRun.InProcess("rebuild", source, "--out", destination, "--drop-bad");

        Assert.True(dry.ExitCode == ExitCodes.Clean, dry.ToString());
        Assert.True(real.ExitCode == ExitCodes.Clean, real.ToString());
        Assert.Contains(note, dry.Out);
        Assert.Contains(note, real.Out);
        Assert.Contains("20 of 20 samples written", real.Out);
    }

    [Fact]
    public void SingleHdf5FileCaffeRefuses_DropBad_WouldDropEverything_IsRefused()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Hdf5.Bad.MismatchedN), "--out", destination, "--drop-bad", "--quiet");

        AssertRefusedBeforeWriting(run, temp, destination, "datascrub: every one of the 10 samples would be dropped (mismatched_n.h5: shape-mismatch: datasets differ in their first dimension N (data 10, label 9); Caffe refuses this file; rows past a dataset's end are scanned without it); nothing to write");
    }

    [Fact]
    public void DamagedLevelDb_WithoutDropIsRefused_WithDropBadSaysWhatIsLost()
    {
        using var temp = new TempDirectory();

        var refused = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Damaged), "--out", temp.Combine("plain"), "--quiet");
        var salvaged = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Damaged), "--out", temp.Combine("clean"), "--drop-bad");

        Assert.True(refused.ExitCode == ExitCodes.Unreadable, refused.ToString());
        Assert.Single(refused.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("datascrub: 000007.ldb: ", refused.Error);
        Assert.EndsWith("give --drop-bad to leave what could not be read out of the copy; nothing was written", refused.Error.TrimEnd());
        Assert.True(salvaged.ExitCode == ExitCodes.Clean, salvaged.ToString());
        Assert.Contains("  note: 000007.ldb (offset 0): ", salvaged.Out);
        Assert.Contains("the records it held could not be read and are not in the copy", salvaged.Out);
    }

    [Fact]
    public void NothingToDrop_NoConversion_IsWrittenAsAVerifiedPlainCopy_AndSaysSo()
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");

        var run = CliRun.InProcess("rebuild", Fixtures.Path(Fixtures.Lmdb.Good.Clean), "--out", destination);

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        const string note = "plain copy: nothing to drop (no --drop-bad or --drop given) and no --to or --shuffle; the copy holds every sample of the source, verified";
        Assert.Contains($"  note: {note}", run.Out);
        Assert.Contains(note, Manifest(destination).GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    public static TheoryData<string, string[]> Requests => new()
    {
        { Fixtures.Hdf5.Lists.TrailingMismatch, ["--drop-bad"] },
        { Fixtures.Hdf5.Lists.TrailingMismatch, [] },
        { Fixtures.Hdf5.Lists.Mixed, ["--drop-bad"] },
        { Fixtures.Hdf5.Lists.Mixed, ["--drop", "nan"] },
        { Fixtures.Hdf5.Bad.Lzf, ["--drop-bad"] },
        { Fixtures.Hdf5.Bad.MismatchedN, ["--drop-bad"] },
        { Fixtures.Hdf5.Bad.Strings, [] },
        { Fixtures.Hdf5.Bad.ChunkedGzipF32, ["--drop-bad", "--shuffle"] },
        { Fixtures.Images.TrainList, ["--drop-bad"] },
        { Fixtures.Images.TrainList, [] },
        { Fixtures.LevelDb.Bad.Damaged, ["--drop-bad"] },
        { Fixtures.LevelDb.Bad.Damaged, [] },
        { Fixtures.Lmdb.Bad.Mixed, ["--drop-bad", "--to", "leveldb"] },
        { Fixtures.Lmdb.Good.Clean, [] },
    };

    /// <summary>The same exit code, the same counts, the same dropped samples and files, the same notes.</summary>
    [Theory]
    [MemberData(nameof(Requests))]
    public void DryRun_SaysExactlyWhatTheRealRunDoes(string source, string[] options)
    {
        using var temp = new TempDirectory();
        string[] common = ["rebuild", Fixtures.Path(source), "--out", temp.Combine("clean"), "--json", "-", "--quiet", .. options];

        var dry = CliRun.InProcess([.. common, "--dry-run"]);
        var real = CliRun.InProcess(common);

        Assert.True(dry.ExitCode == real.ExitCode, $"dry run:\n{dry}\nreal run:\n{real}");
        if (real.ExitCode != ExitCodes.Clean)
        {
            Assert.Equal(real.Error, dry.Error);
            return;
        }
        var d = JsonDocument.Parse(dry.Out).RootElement.GetProperty("datasets")[0].GetProperty("rebuild");
        var r = JsonDocument.Parse(real.Out).RootElement.GetProperty("datasets")[0].GetProperty("rebuild");
        Assert.Equal(r.GetProperty("written").GetInt64(), d.GetProperty("written").GetInt64());
        Assert.Equal(r.GetProperty("dropped").GetInt64(), d.GetProperty("dropped").GetInt64());
        Assert.Equal(r.GetProperty("droppedSamples").ToString(), d.GetProperty("droppedSamples").ToString());
        Assert.Equal(DroppedFiles(r), DroppedFiles(d));
        // A dry run says "would"; the notes are the same otherwise.
        Assert.Equal(r.GetProperty("notes").ToString(), d.GetProperty("notes").ToString());
    }
}
