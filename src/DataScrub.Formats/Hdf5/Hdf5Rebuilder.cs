using DataScrub.Rebuild;
using DataScrub.Samples;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// HDF5 inputs in a rebuild. As the target: from HDF5, the files rewritten without their dropped rows
/// (<see cref="Hdf5FileCopyWriter"/>); from a Datum store, rows of float32 (<see cref="Hdf5RowsWriter"/>).
/// As the source: a row's Datum fields, and the listing (file) each row belongs to.
/// </summary>
internal sealed class Hdf5Rebuilder : IDatasetRebuilder
{
    private static readonly string[] DatumFormats = [Lmdb.LmdbFormat.FormatName, LevelDb.LevelDbFormat.FormatName];

    /// <summary>Sample ids are LISTING#ROW, LISTING as the input names it (ENTRY, or ENTRY@n for the n-th listing):
    /// the scan notes where each listing's samples lie, so that a file can be left out whole and its rows found by position.</summary>
    public Func<string, string?>? FileOfSample { get; } = id => id.LastIndexOf('#') is var at and >= 0 ? id[..at] : null;

    public RebuildRefusal? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle)
    {
        if (DatumFormats.Contains(sourceFormat.Name))
            return shuffle ? new("Datums converted to HDF5 are written in storage order; shuffle the store first (rebuild --shuffle), or let HDF5Data shuffle (shuffle: true)", AboutShuffle: true) : null;
        return sourceFormat.Name == Hdf5Format.FormatName ? null
            : new($"{source}: {sourceFormat.Name} data cannot be written as HDF5 (HDF5 copies from HDF5, LMDB and LevelDB)");
    }

    public IReadOnlyList<string> Preview(RebuildPlan plan)
    {
        if (DatumFormats.Contains(plan.SourceFormat.Name)) return Hdf5RowsWriter.Preview(plan);
        var notes = new List<string>();
        // Each file once: a repeated listing is copied from the same source, with the same verdict.
        foreach (var file in Hdf5FileCopyWriter.FilesToWrite(plan, notes).DistinctBy(f => f.Entry.Path))
            notes.AddRange(Hdf5FileCopyWriter.Refused(file.Entry, () => Hdf5Rewriter.Preview(file.Entry.Path!)).Select(n => $"{file.Relative}: {n}"));
        if (plan.ShuffleSeed is { } seed) notes.Add(Hdf5FileCopyWriter.ShuffleNote(seed));
        return notes;
    }

    public IDatasetWriter CreateWriter(RebuildPlan plan) =>
        DatumFormats.Contains(plan.SourceFormat.Name) ? new Hdf5RowsWriter(plan) : new Hdf5FileCopyWriter(plan);

    public DatumFields ToDatumFields(in Sample sample)
    {
        var content = new Records.SampleContent();
        var record = sample.Record.Span;
        if (sample.Decoder?.Decode(record, content) is { } error)
            throw new RebuildException($"{sample.DisplayId}: cannot be read as a row: {error}", isUsage: false);
        return Caffe.DatumFieldsFromContent.Build(content, record, out var why)
            ?? throw new RebuildException($"{sample.DisplayId}: cannot become a caffe Datum: {why}", isUsage: false);
    }
}
