using System.Buffers.Binary;
using DataScrub.Formats;
using DataScrub.Formats.Lmdb;
using DataScrub.Samples;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Lmdb;

public class LmdbReaderTests
{
    [Fact]
    public void ReadSamples_PyLmdbFixture_YieldsEveryRecordInKeyOrder()
    {
        using var reader = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed));

        var keys = reader.ReadSamples(CancellationToken.None).Select(s => s.DisplayId).ToList();

        Assert.Equal(40, reader.Info.ExpectedSamples);
        Assert.Equal(40, keys.Count);
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys);
        Assert.Equal("00000000_cat/0000.jpg", keys[0]);
        Assert.Contains("00000031_cat/0031.jpg", keys);
    }

    [Fact]
    public void ReadSamples_IndexesAreStorageOrderPositions()
    {
        using var reader = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Good.Clean));

        var indexes = reader.ReadSamples(CancellationToken.None).Select(s => s.Index).ToList();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), indexes);
    }

    [Fact]
    public void Open_DataMdbFileItself_ReadsTheSameRecords()
    {
        using var byDir = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed));
        using var byFile = LmdbReader.Open(Path.Combine(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "data.mdb"));

        var a = byDir.ReadSamples(CancellationToken.None).Select(s => (s.DisplayId, Convert.ToHexString(s.Record.Span))).ToList();
        var b = byFile.ReadSamples(CancellationToken.None).Select(s => (s.DisplayId, Convert.ToHexString(s.Record.Span))).ToList();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Open_WithoutLockFile_CreatesAndChangesNothing()
    {
        using var temp = new TempDirectory();
        var env = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "env", except: "lock.mdb");
        var before = TempDirectory.Snapshot(env);

        using (var reader = LmdbReader.Open(env))
            Assert.Equal(40, reader.ReadSamples(CancellationToken.None).Count());

        Assert.Equal(before, TempDirectory.Snapshot(env));
    }

    [Fact]
    public void Open_ReadOnlyDirectory_StillReads()
    {
        using var temp = new TempDirectory();
        var env = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "env", except: "lock.mdb");
        foreach (var f in Directory.GetFiles(env)) File.SetUnixFileMode(f, UnixFileMode.UserRead);
        File.SetUnixFileMode(env, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            using var reader = LmdbReader.Open(env);
            Assert.Equal(20, reader.ReadSamples(CancellationToken.None).Count());
            // root ignores permission bits; the point is that nothing was created either way.
            Assert.Equal(["data.mdb"], Directory.GetFiles(env).Select(Path.GetFileName));
        }
        finally
        {
            File.SetUnixFileMode(env, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Open_FileThatIsNotLmdb_ThrowsUnreadableNamingThePath()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("data.mdb");
        File.WriteAllText(file, new string('x', 4096));

        var e = Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(file));

        Assert.Equal(file, e.Path);
        Assert.Contains("not an LMDB data file", e.Message);
    }

    [Fact]
    public void Open_Lmdb1xDataVersion_SaysWhichVersionAndWhy()
    {
        using var temp = new TempDirectory();
        var env = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "env", except: "lock.mdb");
        var file = Path.Combine(env, "data.mdb");
        var bytes = File.ReadAllBytes(file);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(LmdbMetaPage.VersionOffset), 3);
        File.WriteAllBytes(file, bytes);

        var e = Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(env));

        Assert.Contains("data version 3", e.Message);
        Assert.Contains("LMDB 1.x", e.Message);
    }

    [Fact]
    public void Open_DirectoryWithoutDataMdb_ThrowsUnreadable()
    {
        using var temp = new TempDirectory();

        var e = Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(temp.Path));

        Assert.Contains("no data.mdb", e.Message);
    }

    [Fact]
    public void Open_TruncatedDataFile_ThrowsUnreadable()
    {
        using var temp = new TempDirectory();
        var env = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Good.Clean), "env", except: "lock.mdb");
        var file = Path.Combine(env, "data.mdb");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..10]);

        Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(env));
    }

    [Theory]
    [InlineData(30000)]
    [InlineData(61439)]
    [InlineData(8192)]
    public void Open_TruncatedCopy_RefusesInsteadOfCrashing(int keptBytes)
    {
        using var temp = new TempDirectory();
        var env = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "env", except: "lock.mdb");
        var file = Path.Combine(env, "data.mdb");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..keptBytes]);

        var e = Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(env));

        Assert.Contains($"is truncated: {keptBytes} bytes", e.Message);
        Assert.Contains("61440 bytes", e.Message);
    }

    [Fact]
    public void IsMatch_DetectsLmdbDirectoriesAndFilesOnly()
    {
        var format = new LmdbFormat();
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("notes.txt"), "hello");

        Assert.True(format.IsMatch(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed)));
        Assert.True(format.IsMatch(Path.Combine(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "data.mdb")));
        Assert.False(format.IsMatch(temp.Path));
        Assert.False(format.IsMatch(temp.Combine("notes.txt")));
        Assert.False(format.IsMatch(temp.Combine("missing")));
    }

    [Fact]
    public void Resolve_Auto_PicksLmdbAndExplainsEmptyDirectories()
    {
        var registry = DatasetFormats.CreateRegistry();
        using var temp = new TempDirectory();

        Assert.Equal("lmdb", registry.Resolve(Fixtures.Path(Fixtures.Lmdb.Good.Clean), FormatRegistry.Auto).Name);
        Assert.Contains("an empty directory", Assert.Throws<UnrecognisedFormatException>(() => registry.Resolve(temp.Path, FormatRegistry.Auto)).Message);
        Assert.Contains("no such file", Assert.Throws<DatasetUnreadableException>(() => registry.Resolve(temp.Combine("nope"), FormatRegistry.Auto)).Message);
    }
}

public class LmdbReaderMemoryTests
{
    [Fact]
    public void ReadSamples_PagesReleasedAfterEveryRecord_ValuesStillReadTheSame()
    {
        using var plain = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed));
        var expected = plain.ReadSamples(CancellationToken.None).Select(s => Convert.ToHexString(s.Record.Span)).ToList();
        using var trimmed = LmdbReader.Open(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed));
        trimmed.TrimInterval = 1;

        // Keep the views (not copies) and only read them after every page was released: they must fault back in.
        var views = trimmed.ReadSamples(CancellationToken.None).ToList();

        Assert.True(trimmed.Trims >= 39, $"only {trimmed.Trims} trims");
        Assert.Equal(expected, views.Select(s => Convert.ToHexString(s.Record.Span)));
    }
}

public class LmdbDamageTests
{
    /// <summary>liblmdb trusts its pages; a damaged page must become an error, never SIGBUS (which would kill
    /// this test host). Every 16-byte window of the fixture is inverted in turn.</summary>
    [Fact]
    public void Scan_AnyInvertedWindow_IsAReportOrAnUnreadableError_NeverACrash()
    {
        using var temp = new TempDirectory();
        var original = File.ReadAllBytes(Path.Combine(Fixtures.Path(Fixtures.Lmdb.Bad.Mixed), "data.mdb"));
        var env = temp.Combine("env");
        Directory.CreateDirectory(env);
        var file = Path.Combine(env, "data.mdb");
        int reports = 0, refused = 0;
        for (var offset = 0; offset < original.Length; offset += 16)
        {
            var damaged = (byte[])original.Clone();
            for (var i = offset; i < offset + 16; i++) damaged[i] ^= 0xff;
            File.WriteAllBytes(file, damaged);
            try
            {
                using var reader = LmdbReader.Open(env);
                var report = DataScrub.Pipeline.ScrubPipeline.Run(reader, new DataScrub.Pipeline.ScrubOptions { Checks = DataScrub.Images.StandardChecks.Default, Threads = 1 });
                Assert.Equal(reader.Info.ExpectedSamples, report.Samples);
                reports++;
            }
            catch (DatasetUnreadableException e)
            {
                Assert.Contains(env, e.Message);
                refused++;
            }
        }
        Assert.True(reports > 0 && refused > 0, $"{reports} reports, {refused} refused");
    }
}
