using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

/// <summary>
/// What each input AFL++ broke DataScrub with now gets from the shipped binary: one clear verdict, where before it got
/// a native crash (exit 139), a stack overflow (134), a hang or an internal error (exit 4). fuzz/README.md tells each
/// story; <see cref="FuzzCorpusTests"/> replays the same files through the harnesses.
/// </summary>
public sealed class FuzzFindingsTests
{
    [Theory]
    // liblmdb read a sub-database record of 786 MB from a 4 KB page: SIGSEGV.
    [InlineData("lmdb", "subdata-flag-786mb-inline-value.mdb", 3, "node 2 value of 786892747 bytes runs past the page end")]
    // The newer meta page's page size (4224), which liblmdb uses and the preflight did not: SIGBUS.
    [InlineData("lmdb", "newer-meta-page-size-4224.mdb", 3, "impossible page size 4224")]
    // A link named "" to "" in the same file: PureHDF recursed until the stack overflowed.
    [InlineData("hdf5", "external-link-named-empty-to-itself.h5", 1, "an external link; DataScrub scans the file it is given")]
    // An object header chunk longer than the file: PureHDF decoded zeros past its end forever.
    [InlineData("hdf5", "object-header-chunk-past-end-of-file.h5", 3, "cannot be read: Unable to read beyond the end of the stream")]
    // 2^58 rows of shape 0: 2^58 empty samples.
    [InlineData("hdf5", "rows-of-no-values-2pow58.h5", 0, "declares 288230376151711750 rows of 0 values")]
    // Values per row x 8 overflowed to a negative number under the 1 GiB row limit: OverflowException, exit 4.
    [InlineData("hdf5", "row-bytes-overflow-b.h5", 0, "declares rows of 4611686018427387906 values")]
    [InlineData("hdf5", "row-bytes-overflow-a.h5", 1, "label-out-of-range")]
    // A last page of 2^57 pages times 4096 bytes wrapped to a small file length, then to a negative file offset.
    [InlineData("lmdb", "last-page-times-page-size-wraps-a.mdb", 3, "is truncated")]
    [InlineData("lmdb", "last-page-times-page-size-wraps-b.mdb", 3, "is truncated")]
    // A train_net path spelled with a NUL byte ("\000"): Path.GetFullPath threw, exit 4.
    [InlineData("prototxt", "nul-in-net-path.prototxt", 1, "missing-data-source")]
    // The dataset is one chunk of 3x2 values, its dataspace 6.8e16 x 6.6e7: the walk met the one chunk at each of the
    // 10^24 grid places.
    [InlineData("hdf5", "single-chunk-index-for-huge-dataspace.h5", 3, "is stored as a single chunk of [3,2] values")]
    // Damaged extensible-array chunk indexes PureHDF walked (one loop over a B-tree without end, one read per
    // chunk of a 10^15-row dataspace): DataScrub walks them itself now, and refuses a block whose checksum fails as
    // the HDF5 library does.
    [InlineData("hdf5", "extensible-array-index-block-bad-checksum-a.h5", 3, "extensible-array index block at offset 519 fails its checksum")]
    [InlineData("hdf5", "extensible-array-index-block-bad-checksum-b.h5", 3, "fails its checksum")]
    [InlineData("hdf5", "btree2-leaf-address-past-end-of-file.h5", 3, "has signature 00000000, not 'BTLF'")]
    // A dataspace of 4.5 x 10^15 rows whose index holds 20: PureHDF read fill values for ever. The 20 written rows are
    // scanned, the rest reported as never written.
    [InlineData("hdf5", "extensible-array-dataspace-4503599627370516-rows.h5", 1, "rows 20..4503599627370515 (4503599627370496 of 4503599627370516) were never written")]
    [InlineData("hdf5", "extensible-array-dataspace-429496729620-rows.h5", 1, "rows 20..429496729619 (429496729600 of 429496729620) were never written")]
    public void TheShippedBinary_GivesAVerdict(string format, string file, int exitCode, string said)
    {
        var path = Path.Combine(Fixtures.RepositoryRoot, "fuzz", "regressions", format, file);
        var run = format == "prototxt"
            ? CliRun.Process(null, "lint", path, "--json", "-", "--quiet")
            : CliRun.Process(null, "scan", path, "--format", format, "--fail-on", "error", "--json", "-", "--quiet");
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}, expected {exitCode}:\n{run.Error}\n{run.Out}");
        Assert.Contains(said, run.Out + run.Error);
    }
}
