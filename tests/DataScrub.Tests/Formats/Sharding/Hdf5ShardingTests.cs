using System.Reflection;
using DataScrub.Formats;
using DataScrub.Formats.Hdf5;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Sharding;

/// <summary>
/// Every HDF5 fixture (files, source lists with missing, repeated and misshapen entries, the fixtures folder, damaged and
/// public files) read as 1, 2, 3 and 7 shards adds up to the whole read (<see cref="ShardedReads"/>).
/// </summary>
public class Hdf5ShardingTests
{
    /// <summary>Every dataset path named in <see cref="Fixtures.Hdf5"/> (the catalogue's JSON left out).</summary>
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        void Collect(Type type)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                if (field.GetRawConstantValue() is string entry && !entry.EndsWith(".json", StringComparison.Ordinal)) data.Add(entry);
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public)) Collect(nested);
        }
        Collect(typeof(Fixtures.Hdf5));
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Shards_OfFixture_AddUpToTheWholeRead(string entry)
    {
        var path = Fixtures.Path(entry);
        IDatasetReader Open(ReaderOptions options) => Hdf5Reader.Open(path, options);
        try
        {
            using var probe = Hdf5Reader.Open(path, ReaderOptions.Default);
        }
        catch (DatasetUnreadableException)
        {
            // Unreadable as a whole: every shard says so as well.
            Assert.Throws<DatasetUnreadableException>(() => Hdf5Reader.Open(path, new ReaderOptions(Shard: new(1, 2))));
            return;
        }
        ShardedReads.AssertShardsAddUp(entry, Open, ReaderOptions.Default);
    }

    /// <summary>Named tops (--data/--label) choose the rows the units count, in every shard alike.</summary>
    [Fact]
    public void Shards_OfListWithNamedTops_AddUpToTheWholeRead()
    {
        var path = Fixtures.Path(Fixtures.Hdf5.Lists.Mixed);
        var options = new ReaderOptions(DataNames: ["data"], LabelName: "label");
        ShardedReads.AssertShardsAddUp(Fixtures.Hdf5.Lists.Mixed, o => Hdf5Reader.Open(path, o), options);
    }

    /// <summary>A list of a missing file between two files: the missing-file finding comes from exactly one shard, in order.</summary>
    [Fact]
    public void Shards_OfListWithMissingEntries_ReportEachMissingFileOnce()
    {
        using var temp = new TempDirectory();
        File.Copy(Fixtures.Path(Fixtures.Hdf5.Bad.ContiguousF32), temp.Combine("a.h5"));
        File.Copy(Fixtures.Path(Fixtures.Hdf5.Good.RowsFlat), temp.Combine("b.h5"));
        var list = temp.Combine("list.txt");
        File.WriteAllLines(list, ["gone_first.h5", "a.h5", "gone_middle.h5", "b.h5", "a.h5", "gone_last.h5"]);
        ShardedReads.AssertShardsAddUp(list, o => Hdf5Reader.Open(list, o), ReaderOptions.Default);
        var missing = Enumerable.Range(0, 7).SelectMany(i =>
        {
            using var reader = Hdf5Reader.Open(list, new ReaderOptions(Shard: new(i, 7)));
            foreach (var sample in reader.ReadSamples(CancellationToken.None)) sample.Lease?.Release();
            return reader.StoreFindings.Where(f => f.Kind == DataScrub.Findings.FindingKinds.MissingFile).Select(f => (Shard: i, f.Sample)).ToList();
        }).ToList();
        // 20 + 6 + 20 rows in 46 units of one row, shards of units [0, 6) [6, 13) [13, 19) [19, 26) ... [39, 46): the first missing
        // file sits at row 0 (shard 0), the middle one at row 20 (shard 3), the last at the end (the last unit, shard 6).
        Assert.Equal([(0, "gone_first.h5"), (3, "gone_middle.h5"), (6, "gone_last.h5")], missing);
    }
}
