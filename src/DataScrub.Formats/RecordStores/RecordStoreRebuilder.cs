using DataScrub.Formats.Lmdb;
using DataScrub.Rebuild;
using DataScrub.Samples;

namespace DataScrub.Formats.RecordStores;

/// <summary>
/// LMDB and LevelDB in a rebuild. As the target: a <see cref="RecordStoreWriter"/>, from either store (same keys
/// and value bytes) or from HDF5 rows (each a Datum of its fields). As the source: each record is a Datum.
/// </summary>
/// <param name="create">Creates the target store in a directory, given the bytes it is expected to hold.</param>
internal sealed class RecordStoreRebuilder(string targetFormat, Func<string, long, IRecordStoreWriter> create) : IDatasetRebuilder
{
    public static readonly string[] RecordFormats = [LmdbFormat.FormatName, LevelDb.LevelDbFormat.FormatName];

    /// <summary>Datum stores keep no files of samples: a damaged table's readable records are copied.</summary>
    public Func<string, string?>? FileOfSample => null;

    public RebuildRefusal? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle) =>
        RecordFormats.Contains(sourceFormat.Name) || sourceFormat.Name == Hdf5.Hdf5Format.FormatName ? null
            : new($"{source}: {sourceFormat.Name} data cannot be written as {targetFormat} (lmdb, leveldb and hdf5 convert into each other)");

    public IReadOnlyList<string> Preview(RebuildPlan plan) => plan.ShuffleSeed is { } seed ? [RecordStoreWriter.ShuffleNote(plan, seed)] : [];

    public IDatasetWriter CreateWriter(RebuildPlan plan) => new RecordStoreWriter(plan, create);

    public DatumFields ToDatumFields(in Sample sample) => Caffe.DatumFieldsCodec.Read(sample);
}
