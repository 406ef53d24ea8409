using DataScrub.Formats;
using DataScrub.Formats.ImageFolder;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Sharding;

/// <summary>
/// Every image fixture (class-per-folder tree, flat folder, the Caffe listfile with missing files, bad labels and a path
/// outside the root, folders with masks, the public corpora) read as 1, 2, 3 and 7 shards adds up to the whole read
/// (<see cref="ShardedReads"/>).
/// </summary>
public class ImageFolderShardingTests
{
    public static TheoryData<string, string?> Inputs() => new()
    {
        { Fixtures.Images.Tree, null },
        { Fixtures.Images.TrainList, null },
        { Fixtures.Images.Flat, null },
        { Fixtures.Images.Folder, null },
        { Fixtures.Images.Damage, null },
        { Fixtures.Images.Tiff, null },
        { Fixtures.Images.GifDecoding, null },
        { Fixtures.Images.WebPDecoding, null },
        { Fixtures.Masks.Images, Fixtures.Masks.Folder },
        { Fixtures.Masks.Voc.Images, Fixtures.Masks.Voc.Folder },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Shards_OfFixture_AddUpToTheWholeRead(string entry, string? masks)
    {
        var path = Fixtures.Path(entry);
        var options = new ReaderOptions(MaskRoot: masks is null ? null : Fixtures.Path(masks));
        ShardedReads.AssertShardsAddUp(entry, o => ImageFolderReader.Open(path, o.Root, o.MaskRoot, o.Shard), options);
    }

    /// <summary>A listfile of unreadable lines only: no images, one unit, and the listfile's findings from shard 0 alone.</summary>
    [Fact]
    public void Shards_OfListfileWithoutImages_ReportTheLinesOnceFromShardZero()
    {
        using var temp = new TempDirectory();
        var list = temp.Combine("train.txt");
        File.WriteAllLines(list, ["a.jpg 0", "b.jpg x", "c.png -1"]);
        ShardedReads.AssertShardsAddUp(list, o => ImageFolderReader.Open(list, o.Root, o.MaskRoot, o.Shard), ReaderOptions.Default);
        using var second = ImageFolderReader.Open(list, null, null, new(1, 2));
        Assert.Empty(second.ReadSamples(CancellationToken.None));
        Assert.Empty(second.StoreFindings);
        Assert.Equal(1, second.Info.Units);
        Assert.Equal(3, second.Info.ExpectedSamples);
    }

    /// <summary>A shard reads only its own images' bytes: the shards' bytes add up to the whole read's.</summary>
    [Fact]
    public void Shards_OfTree_ReadOnlyTheirImages()
    {
        var path = Fixtures.Path(Fixtures.Images.Tree);
        long Bytes(DataScrub.Sharding.ShardSpec? shard)
        {
            using var reader = ImageFolderReader.Open(path, null, null, shard);
            foreach (var sample in reader.ReadSamples(CancellationToken.None)) sample.Lease?.Release();
            return reader.BytesRead;
        }
        var whole = Bytes(null);
        var parts = Enumerable.Range(0, 3).Select(i => Bytes(new(i, 3))).ToList();
        Assert.Equal(whole, parts.Sum());
        Assert.All(parts, p => Assert.True(p < whole, $"a shard read {p} of {whole} bytes"));
    }
}
