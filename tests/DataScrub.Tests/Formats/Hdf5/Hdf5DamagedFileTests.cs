using DataScrub.Cli;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>Damaged HDF5 files found by mutating the fixtures (fixtures/hdf5/damaged/, see fixtures/README.md):
/// each ends in a finding or one line and exit 3, quickly, never in an internal error or a hang.</summary>
public class Hdf5DamagedFileTests
{
    /// <summary>A dataspace damaged to rows of 4,261,412,868 values: the row size overflowed (exit 4). Now the
    /// dataset is not read, and the finding says why.</summary>
    [Fact]
    public void Scan_RowOfBillionsOfValues_IsAFindingNotAnOverflow()
    {
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Hdf5.Damaged.RowOf4GValues), "--format", "hdf5", "--fail-on", "never");

        Assert.True(run.ExitCode == ExitCodes.Clean, run.ToString());
        Assert.Contains("unsupported-type", run.Out);
        Assert.Contains("declares rows of 4261412868 values", run.Out);
    }

    /// <summary>An implicit chunk index whose dimensions were damaged to 10^18 bytes of chunks: walking it never
    /// ended. Now the file is unreadable as a whole (one line, exit 3), at once.</summary>
    [Fact]
    public void Scan_ImplicitIndexPastTheEndOfTheFile_IsExit3AtOnce()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = CliRun.InProcess("scan", Fixtures.Path(Fixtures.Hdf5.Damaged.ImplicitIndexPastEof), "--format", "hdf5", "--quiet");

        Assert.True(run.ExitCode == ExitCodes.Unreadable, run.ToString());
        Assert.Matches("^datascrub: .*implicit_index_past_eof.h5: its HDF5 structure cannot be read: the implicit chunk index at offset 2128 addresses [0-9]+ bytes of chunks, past the end of the 2416-byte file$", run.Error.TrimEnd());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}
