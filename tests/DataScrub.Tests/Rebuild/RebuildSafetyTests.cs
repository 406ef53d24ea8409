using System.Diagnostics;
using System.Text.Json;
using DataScrub.Cli;
using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;
using DataScrub.Pipeline;
using DataScrub.Rebuild;
using DataScrub.Tests.Shared;
using Xunit.Abstractions;
using DataScrub.Images;

namespace DataScrub.Tests.Rebuild;

/// <summary>
/// The promise of <c>datascrub rebuild</c> (issue 7): a failure, Ctrl-C or kill -9 at any moment leaves either
/// no destination or the old one, never a partial one; the source is never written; a stale temporary of a
/// killed run is reported and removed, a live one is left alone.
/// </summary>
public class RebuildSafetyTests(BigLmdbFixture big, ITestOutputHelper log) : IClassFixture<BigLmdbFixture>
{
    /// <summary>When to kill: after a fraction of a measured full run, or on the first sign of a phase
    /// (polled every millisecond; if the run ends first, it simply finished).</summary>
    private sealed record KillPoint(string Name, double Fraction = 0, Func<string, string, bool>? Reached = null)
    {
        public override string ToString() => Name;
    }

    private static readonly KillPoint[] KillPoints =
    [
        new("just started"),
        .. new[] { 0.25, 0.5, 0.75 }.Select(f => new KillPoint($"{f:P0} of a full run", f)),
        new("temporary created (scan done, writing)", Reached: (temporary, _) => Directory.Exists(temporary)),
        new("data.mdb complete in the temporary", Reached: (temporary, _) => File.Exists(Path.Combine(temporary, LmdbFormat.DataFileName))),
        new("manifest written (flush, verification)", Reached: (temporary, _) => File.Exists(Path.Combine(temporary, RebuildEngine.ManifestName))),
        // Plain: renamed into place, not yet exited. --force: exchanged, the old copy (now at the
        // temporary's name) not yet deleted.
        new("destination in place", Reached: (temporary, destination) =>
            Directory.Exists(destination) && !File.Exists(Path.Combine(destination, "OLD-MARKER"))
            || File.Exists(Path.Combine(temporary, "OLD-MARKER"))),
    ];

    private const int OldFiles = 300;

    // ---------------------------------------------------------------- 1. kill -9

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KillNine_AtAnyMoment_LeavesNoDestinationOrTheOldOne_NeverAPartialOne(bool force)
    {
        log.WriteLine($"source: {BigLmdbFixture.Records} records, {big.Planted} planted bad; full child-process rebuild {big.FullRun.TotalMilliseconds:F0} ms");
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        var old = force ? CreateOldDestination(destination, OldFiles) : null;
        string[] args = ["rebuild", big.Source, "--out", destination, "--drop-bad", "--quiet", .. force ? new[] { "--force" } : []];

        foreach (var point in KillPoints)
        {
            var clock = Stopwatch.StartNew();
            bool killed;
            int pid;
            using (var child = ChildCli.Start(args))
            {
                pid = child.Id;
                var childTemporary = Path.Combine(temp.Path, $".clean.datascrub-rebuild-{pid}");
                if (point.Reached is { } reached)
                    while (!child.HasExited && !reached(childTemporary, destination)) Thread.Sleep(1);
                else if (point.Fraction > 0)
                    Thread.Sleep(big.FullRun * point.Fraction);
                killed = child.Kill();
            }
            var temporary = Path.Combine(temp.Path, $".clean.datascrub-rebuild-{pid}");
            var outcome = !killed ? "had already finished"
                : Directory.Exists(temporary) ? "left its temporary" : "left no temporary";

            // Only the destination and temporaries beside it: never a half-renamed "-old" copy or stray file.
            Assert.All(Directory.GetFileSystemEntries(temp.Path), e =>
                Assert.True(e == destination || Path.GetFileName(e).StartsWith(".clean.datascrub-rebuild-", StringComparison.Ordinal), e));
            if (force)
            {
                Assert.True(Directory.Exists(destination), $"kill at {point}: --force lost the old destination");
                if (TempDirectory.Snapshot(destination).SequenceEqual(old!))
                {
                    outcome += ", old destination intact";
                }
                else
                {
                    // The kill landed after the atomic exchange: then it must be the complete, verified new copy.
                    AssertComplete(destination);
                    outcome += ", destination is the complete new copy";
                    Directory.Delete(destination, recursive: true);
                    CreateOldDestination(destination, OldFiles);
                }
            }
            else if (Directory.Exists(destination))
            {
                AssertComplete(destination);
                outcome += ", destination is the complete new copy";
                Directory.Delete(destination, recursive: true);
            }
            else
            {
                outcome += ", no destination";
            }
            Assert.Equal(big.SourceSnapshot, TempDirectory.Snapshot(big.Source));
            log.WriteLine($"kill at {point} (after {clock.ElapsedMilliseconds} ms): {outcome}");
        }

        // A run to completion: removes (and names) whatever the killed runs left, and writes the copy.
        var leftovers = RebuildSafety.Temporaries(destination);
        log.WriteLine($"left by the killed runs: {(leftovers.Length == 0 ? "nothing" : string.Join(", ", leftovers.Select(Path.GetFileName)))}");
        using var final = ChildCli.Start(args);
        var run = final.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        foreach (var leftover in leftovers)
        {
            Assert.Contains($"removing {leftover}, left by an interrupted rebuild", run.Error);
            Assert.False(Directory.Exists(leftover), leftover);
        }
        Assert.Empty(RebuildSafety.Temporaries(destination));
        AssertComplete(destination);
        Assert.False(File.Exists(Path.Combine(destination, "OLD-MARKER")));
        Assert.Equal([destination], Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(big.SourceSnapshot, TempDirectory.Snapshot(big.Source));
    }

    /// <summary>An old destination to be replaced under --force: a small LMDB and a marker file.</summary>
    private static SortedDictionary<string, string> CreateOldDestination(string destination, int extraFiles = 0)
    {
        Directory.CreateDirectory(destination);
        File.Copy(Path.Combine(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "data.mdb"), Path.Combine(destination, "data.mdb"));
        File.WriteAllText(Path.Combine(destination, "OLD-MARKER"), "the old destination");
        // For the kill test: enough files that deleting the old copy after the exchange takes a moment a kill can land in.
        if (extraFiles > 0) Directory.CreateDirectory(Path.Combine(destination, "old"));
        for (var i = 0; i < extraFiles; i++) File.WriteAllText(Path.Combine(destination, "old", $"{i:D4}"), $"old {i}");
        return TempDirectory.Snapshot(destination);
    }

    /// <summary>The whole cleaned copy: every record of the source but the planted bad ones, and its manifest.</summary>
    private void AssertComplete(string destination)
    {
        Assert.True(File.Exists(Path.Combine(destination, LmdbFormat.DataFileName)));
        Assert.False(File.Exists(Path.Combine(destination, LmdbWriter.PartialFileName)));
        Assert.Equal(((long)BigLmdbFixture.Records, (long)big.Planted, (long)big.Expected), RebuildSafety.ManifestCounts(destination));
        Assert.Equal(big.Expected, RebuildSafety.CountLmdb(destination));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(destination, RebuildEngine.ManifestName)));
        var dropped = manifest.RootElement.GetProperty("dropped").EnumerateArray().Select(d => d.GetProperty("sample").GetString()!).ToList();
        var planted = Enumerable.Range(0, BigLmdbFixture.Records).Where(i => i % 1000 is 500 or 750).Select(i => $"{i:D8}");
        Assert.Equal(planted, dropped);
    }

    // ---------------------------------------------------------------- 2. Ctrl-C

    public enum Phase { BeforeStart, Scan, Write, Verify }

    [Theory]
    [InlineData(Phase.BeforeStart)]
    [InlineData(Phase.Scan)]
    [InlineData(Phase.Write)]
    [InlineData(Phase.Verify)]
    public void CtrlC_InAnyPhase_Exits130_WithNoDestinationAndNoTemporary(Phase phase)
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        var temporary = new RebuildTarget(destination).Temporary; // this process's: the rebuild runs in-process
        using var cancel = new CancellationTokenSource();
        if (phase == Phase.BeforeStart) cancel.Cancel();
        var error = new StringWriter();
        var streams = new CliStreams(new StringWriter(), new MemoryStream(), error, ErrorIsTerminal: false, cancel.Token);

        var clock = Stopwatch.StartNew();
        var rebuild = Task.Run(() => Program.Run(["rebuild", big.Source, "--out", destination, "--drop-bad", "--quiet"], streams));
        // Cancel on the first sign of the phase: nothing on disk yet (scan), the temporary (write), its manifest (flush and verify).
        Func<bool> reached = phase switch
        {
            Phase.Scan => () => true,
            Phase.Write => () => Directory.Exists(temporary),
            Phase.Verify => () => File.Exists(Path.Combine(temporary, RebuildEngine.ManifestName)),
            _ => () => true,
        };
        var seen = false;
        while (!rebuild.IsCompleted && !(seen = reached())) Thread.Sleep(1);
        cancel.Cancel();
        var code = rebuild.Result;
        log.WriteLine($"{phase}: cancelled after {clock.ElapsedMilliseconds} ms, phase seen: {seen}; stderr: {error}");

        Assert.True(seen, $"the rebuild ended before reaching {phase}");
        Assert.True(code == ExitCodes.Cancelled, $"exit {code}: {error}");
        Assert.Contains("datascrub: cancelled", error.ToString());
        Assert.False(Directory.Exists(destination));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(big.SourceSnapshot, TempDirectory.Snapshot(big.Source));
    }

    // ---------------------------------------------------------------- 3. write failures

    /// <summary>A real ENOSPC: the destination's parent is a 2 MiB tmpfs; the copy needs ~75 MiB (LMDB) or ~6 MiB (LevelDB).</summary>
    [Theory]
    [InlineData("lmdb")]
    [InlineData("leveldb")]
    public void DiskFull_WhileWriting_Exits3WithOneLine_RemovesTheTemporary_AndLeavesNoDestination(string format)
    {
        using var temp = new TempDirectory();
        var source = format == "lmdb" ? big.Source : MakeLevelDb(temp.Combine("source.leveldb"), 2000);
        var sourceBefore = TempDirectory.Snapshot(source);
        using var tmpfs = new TinyTmpfs(temp.Combine("tiny"), 2048);
        if (!tmpfs.Mounted)
        {
            // No mount rights here: the same failure, simulated at the engine level.
            log.WriteLine($"no tmpfs ({tmpfs.Why}); checking a simulated ENOSPC instead");
            WriteFailure_IsARebuildException_AndLeavesNothing(force: false);
            return;
        }
        var destination = Path.Combine(tmpfs.Path, "clean");

        var run = CliRun.InProcess("rebuild", source, "--out", destination, "--drop-bad", "--quiet");
        log.WriteLine(run.ToString());

        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"datascrub: writing {destination} failed: ", line);
        Assert.Contains("nothing was put in place and the source is untouched", line);
        // LevelDB passes the system's reason on; LMDB returns EIO for the short write that hits the full disk,
        // so the writer says so and how much room is left.
        if (format == "leveldb") Assert.Contains("no space left on device", line);
        else Assert.Contains("bytes free on the disk", line);
        Assert.Empty(Directory.GetFileSystemEntries(tmpfs.Path)); // the temporary is gone, and with it the space
        Assert.Equal(sourceBefore, TempDirectory.Snapshot(source));
    }

    /// <summary>The disk fills up just after the data was written: the manifest cannot be written.</summary>
    [Fact]
    public void DiskFull_WhileWritingTheManifest_IsARebuildException_AndLeavesNothing()
    {
        using var temp = new TempDirectory();
        using var tmpfs = new TinyTmpfs(temp.Combine("tiny"), 1024);
        var parent = tmpfs.Mounted ? tmpfs.Path : temp.Combine("parent");
        Directory.CreateDirectory(parent);
        var destination = Path.Combine(parent, "clean");
        var format = new FakeFormat(new LevelDbFormat(), real => new DelegateRebuilder(real, (plan, ct) =>
        {
            var output = RebuildSafety.Write(real, plan, ct);
            if (tmpfs.Mounted)
            {
                // Fill what is left of the tmpfs.
                using var filler = new FileStream(Path.Combine(plan.Destination, "filler"), FileMode.CreateNew);
                var block = new byte[4096];
                try
                {
                    while (true) filler.Write(block);
                }
                catch (IOException)
                {
                }
            }
            else
            {
                log.WriteLine($"no tmpfs ({tmpfs.Why}); a directory takes the manifest's name instead");
                Directory.CreateDirectory(Path.Combine(plan.Destination, RebuildEngine.ManifestName));
            }
            return output;
        }));

        var e = Assert.Throws<RebuildException>(() => Engine(format).Run(Request(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), destination), null, null, CancellationToken.None));
        log.WriteLine(e.Message);

        Assert.False(e.IsUsage);
        Assert.StartsWith($"writing {destination} failed: ", e.Message);
        if (tmpfs.Mounted) Assert.Contains("no space left on device", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteFailure_IsARebuildException_AndLeavesNothing(bool force)
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        var old = force ? CreateOldDestination(destination) : null;
        var sourceBefore = TempDirectory.Snapshot(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed));
        string? seenTemporary = null;
        var format = new FakeFormat(new LevelDbFormat(), real => new DelegateRebuilder(real, (plan, ct) =>
        {
            // Half a copy on disk (tables, log, a subdirectory), then the disk is full.
            seenTemporary = plan.Destination;
            RebuildSafety.Write(real, plan, ct);
            Directory.CreateDirectory(Path.Combine(plan.Destination, "sub"));
            File.WriteAllBytes(Path.Combine(plan.Destination, "sub", "part"), new byte[10_000]);
            throw new IOException("No space left on device");
        }));

        var e = Assert.Throws<RebuildException>(() => Engine(format).Run(Request(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), destination, force), null, null, CancellationToken.None));

        Assert.False(e.IsUsage);
        Assert.StartsWith($"writing {Path.GetFullPath(destination)} failed: no space left on device", e.Message);
        Assert.Equal(new RebuildTarget(destination).Temporary, seenTemporary);
        Assert.False(Directory.Exists(seenTemporary));
        if (force) Assert.Equal(old, TempDirectory.Snapshot(destination));
        else Assert.False(Directory.Exists(destination));
        Assert.Equal(force ? [destination] : [], Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(sourceBefore, TempDirectory.Snapshot(Fixtures.Path(Fixtures.LevelDb.Bad.Mixed)));
    }

    // ---------------------------------------------------------------- 4. verification failures

    public enum Fault { KeepsEverything, OneLess, KeepsABadOneDropsAGoodOne }

    [Theory]
    [InlineData(Fault.KeepsEverything, false)]
    [InlineData(Fault.KeepsEverything, true)]
    [InlineData(Fault.OneLess, false)]
    [InlineData(Fault.OneLess, true)]
    [InlineData(Fault.KeepsABadOneDropsAGoodOne, false)]
    [InlineData(Fault.KeepsABadOneDropsAGoodOne, true)]
    public void VerificationFailure_PutsNothingInPlace(Fault fault, bool force)
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        var old = force ? CreateOldDestination(destination) : null;
        var sourceBefore = TempDirectory.Snapshot(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed));
        var format = new FakeFormat(new LmdbFormat(), real => new DelegateRebuilder(real, (plan, ct) =>
        {
            // --drop-bad on caffe_mixed: the 8 records with an error finding (#14's fp16-overflow is a warning).
            Assert.Equal(8, plan.Dropped.Count);
            var good = Enumerable.Range(0, 40).First(i => plan.Dropped.All(d => d.Index != i));
            IReadOnlyList<DroppedSample> wrong = fault switch
            {
                Fault.KeepsEverything => [],
                Fault.OneLess => [.. plan.Dropped, new DroppedSample(good, "good", [])],
                _ => [.. plan.Dropped.Skip(1), new DroppedSample(good, "good", [])],
            };
            return RebuildSafety.Write(real, plan with { Drops = DropSet.Of(wrong, plan.DroppedFiles) }, ct);
        }));

        var e = Assert.Throws<RebuildException>(() => Engine(format).Run(Request(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), destination, force), null, null, CancellationToken.None));
        log.WriteLine(e.Message);

        Assert.False(e.IsUsage);
        Assert.StartsWith("verification failed: ", e.Message);
        Assert.Contains(fault == Fault.KeepsABadOneDropsAGoodOne ? "the copy still has 1 " : "the copy holds ", e.Message);
        if (force) Assert.Equal(old, TempDirectory.Snapshot(destination));
        else Assert.False(Directory.Exists(destination));
        Assert.Equal(force ? [destination] : [], Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(sourceBefore, TempDirectory.Snapshot(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed)));
    }

    // ---------------------------------------------------------------- 5. another rebuild running

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnotherRebuildRunning_IsRefusedWithExit2_AndItsTemporaryLeftAlone(bool force)
    {
        using var temp = new TempDirectory();
        var destination = temp.Combine("clean");
        var old = force ? CreateOldDestination(destination) : null;
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var active = temp.Combine($".clean.datascrub-rebuild-{sleeper.Id}");
            Directory.CreateDirectory(active);
            File.WriteAllText(Path.Combine(active, "being-written"), "another rebuild's work");
            var activeBefore = TempDirectory.Snapshot(active);

            var run = CliRun.InProcess(["rebuild", Fixtures.Path(Fixtures.LevelDb.Bad.Mixed), "--out", destination, "--drop-bad", "--quiet", .. force ? new[] { "--force" } : []]);

            Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
            Assert.Contains($"{active}: another rebuild of {destination} is running", run.Error);
            Assert.Equal(activeBefore, TempDirectory.Snapshot(active));
            if (force) Assert.Equal(old, TempDirectory.Snapshot(destination));
            else Assert.False(Directory.Exists(destination));
            Assert.Equal(force ? [active, destination] : [active], Directory.GetFileSystemEntries(temp.Path).Order(StringComparer.Ordinal));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    // ---------------------------------------------------------------- 6. the source is only read

    /// <summary>Every file of the source (and of the folder a list's files live in), byte for byte, after a
    /// rebuild: no lock file, no journal, no timestamp-only rewrite. (LevelDB and the image listfile are
    /// covered by RebuildCommandTests.)</summary>
    [Theory]
    [InlineData(Fixtures.Lmdb.Bad.Mixed, Fixtures.Lmdb.Bad.Mixed)]
    [InlineData(Fixtures.Lmdb.Good.Clean, Fixtures.Lmdb.Good.Clean)]
    [InlineData(Fixtures.Hdf5.Lists.Mixed, "hdf5")]
    [InlineData(Fixtures.Hdf5.Bad.ChunkedGzipF32, "hdf5")]
    [InlineData(Fixtures.Images.Tree, Fixtures.Images.Tree)]
    [InlineData(Fixtures.Images.Flat, Fixtures.Images.Flat)]
    public void Source_IsByteForByteUnchanged_ByARebuild(string source, string watched)
    {
        using var temp = new TempDirectory();
        var path = Fixtures.Path(source);
        var root = Fixtures.Path(watched);
        var before = TempDirectory.Snapshot(root);

        var run = CliRun.InProcess("rebuild", path, "--out", temp.Combine("clean"), "--drop-bad", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Equal(before, TempDirectory.Snapshot(root));
        Assert.True(File.Exists(temp.Combine("clean", RebuildEngine.ManifestName)));
    }

    // ---------------------------------------------------------------- helpers

    private static RebuildEngine Engine(IDatasetFormat format) => new(new FormatRegistry([format]), "datascrub-test");

    private static RebuildRequest Request(string source, string destination, bool force = false) =>
        new(source, destination, FormatRegistry.Auto, ReaderOptions.Default,
            new ScrubOptions { Checks = StandardChecks.Default }, new DropRule(true, new HashSet<FindingKind>()), force, DryRun: false);

    /// <summary>A LevelDB of the big LMDB's first <paramref name="count"/> records.</summary>
    private string MakeLevelDb(string path, int count)
    {
        using var reader = LmdbReader.Open(big.Source);
        using var writer = LevelDbWriter.Create(path);
        foreach (var sample in reader.ReadSamples(CancellationToken.None).Take(count))
        {
            writer.Put(sample.Key.Span, sample.Record.Span);
            sample.Lease?.Release();
        }
        writer.Complete();
        return path;
    }
}
