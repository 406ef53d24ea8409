using System.Buffers.Binary;
using DataScrub.Formats;
using DataScrub.Formats.Hdf5;
using DataScrub.Formats.ImageFolder;
using DataScrub.Formats.Lmdb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

/// <summary>The exact inputs the mutation tests (<see cref="MutationTests"/>) found crashing, hanging or over-allocating,
/// each kept as it was found: what the parser did then, what it does now.</summary>
public sealed class HostileInputRegressionTests
{
    /// <summary>lmdb_classes' data.mdb with 4 bytes (3b965747) inserted at 84526, inside leaf page 20's node area: its
    /// nodes then read flags 0x3a (F_SUBDATA among them) and values of 52 MB. The validator skipped the bounds check for
    /// F_SUBDATA nodes, liblmdb handed out a value 52 MB past its page and reading it killed the process (SIGSEGV, "Fatal
    /// error"). Now the store is refused before liblmdb opens it.</summary>
    [Fact]
    public void Lmdb_SubDataNodeWithValuePastItsPage_IsRefusedNotACrash()
    {
        using var temp = new TempDirectory();
        var store = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "store");
        var data = Path.Combine(store, "data.mdb");
        var bytes = File.ReadAllBytes(data);
        File.WriteAllBytes(data, [.. bytes.AsSpan(0, 84526), 0x3b, 0x96, 0x57, 0x47, .. bytes.AsSpan(84526)]);

        var error = Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(store));
        Assert.Contains("page 20 (offset 81920): node 0 value of 52972877 bytes runs past the page end", error.Message);
    }

    /// <summary>A Caffe HDF5 source list line holding a NUL byte: Path.GetFullPath threw ArgumentException ("Null character
    /// in path") out of the reader. Now it is a listed file that does not exist.</summary>
    [Fact]
    public void Hdf5SourceList_NulInAFileName_IsAMissingFile()
    {
        using var temp = new TempDirectory();
        var list = temp.Combine("list.txt");
        File.WriteAllText(list, "contiguous_f32.h5\nconti\0guous_f32.h5\n");
        using var reader = Hdf5Reader.Open(list, new ReaderOptions { WorkingDirectory = Fixtures.Path(Fixtures.Hdf5.Folder) });
        Assert.NotEmpty(reader.ReadSamples(CancellationToken.None).ToList());
        Assert.Contains(reader.StoreFindings, f => f.Kind == DataScrub.Findings.FindingKinds.MissingFile && f.Sample == "conti\0guous_f32.h5");
    }

    /// <summary>An image listfile line holding a NUL byte (train.txt, truncated to 64 bytes, bit 1 of byte 35 flipped and
    /// byte 36 zeroed): Path.GetFullPath threw ArgumentException out of the reader. Now it is a missing-file finding.</summary>
    [Fact]
    public void ImageListFile_NulInAPath_IsAMissingFileFinding()
    {
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(Fixtures.Path(Fixtures.Images.TrainList))[..64];
        bytes[35] ^= 1 << 1;
        bytes[36] = 0;
        var list = temp.Combine("train.txt");
        File.WriteAllBytes(list, bytes);
        using var reader = ImageFolderReader.Open(list, Fixtures.Path(Fixtures.Images.Tree));
        _ = reader.ReadSamples(CancellationToken.None).ToList();
        Assert.Contains(reader.StoreFindings, f => f.Message.Contains("the path holds a NUL byte", StringComparison.Ordinal));
    }

    /// <summary>jhdf's test_string_datasets_earliest.hdf5 with 9 bytes deleted at 3282 and 0x7fffffff written at 688 (a
    /// local heap's size): PureHDF allocated that size (OutOfMemoryException, "Array dimensions exceeded supported range"),
    /// which the reader let through as if the process had run out of memory. Now the file's structure is unreadable.</summary>
    [Fact]
    public void Hdf5_LocalHeapSizeOf2To31_IsAnUnreadableFileNotOutOfMemory()
    {
        using var temp = new TempDirectory();
        var original = File.ReadAllBytes(Fixtures.Path(Fixtures.Hdf5.Public.Jhdf.StringDatasets));
        byte[] bytes = [.. original.AsSpan(0, 3282), .. original.AsSpan(3291)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(688), 0x7fffffff);
        var path = temp.Combine("heap.h5");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<DatasetUnreadableException>(() => Hdf5Reader.Open(path, ReaderOptions.Default));
        Assert.Contains("its HDF5 structure cannot be read", error.Message);
    }

    /// <summary>bigendian_f32.h5 with 0x7fffffff written over data's dimensions at 833: shape 549755813642 x 0, rows of no
    /// values that need no storage, so the reader yielded 2^39 empty samples (the mutation test's hang). Now the dataset is
    /// not scanned, with an unsupported-type finding.</summary>
    [Fact]
    public void Hdf5_RowsWithoutValues_AreNotScannedOneByOne()
    {
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(Fixtures.Path(Fixtures.Hdf5.Bad.BigEndianF32));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(833), 0x7fffffff);
        var path = temp.Combine("rows.h5");
        File.WriteAllBytes(path, bytes);
        using var reader = Hdf5Reader.Open(path, ReaderOptions.Default);
        Assert.Equal(10, reader.ReadSamples(CancellationToken.None).Count()); // the label's 10 rows
        Assert.Contains(reader.StoreFindings, f => f.Kind == DataScrub.Findings.FindingKinds.UnsupportedType
            && f.Message.Contains("declares 549755813642 rows of 0 values", StringComparison.Ordinal));
    }
}
