using DataScrub.Rebuild;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Cleaned HDF5 inputs: each file rewritten by <see cref="Hdf5Rewriter"/> without its dropped rows, at
/// its relative path under the destination, and for a source list a rewritten list naming them. Files the
/// plan drops whole (a file Caffe refuses, an entry naming no file) are left out of the new list.
/// From a Datum store: <see cref="DatumsToHdf5"/>.
/// </summary>
internal sealed class Hdf5Rebuilder : IDatasetRebuilder
{
    private static readonly string[] DatumFormats = [Lmdb.LmdbFormat.FormatName, LevelDb.LevelDbFormat.FormatName];

    /// <summary>Sample ids are FILE#ROW, FILE as the input names it.</summary>
    public Func<string, string?>? FileOfSample { get; } = id => id.LastIndexOf('#') is var at and >= 0 ? id[..at] : null;

    public string? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle)
    {
        if (DatumFormats.Contains(sourceFormat.Name))
            return shuffle ? "--shuffle: Datums converted to HDF5 are written in storage order; shuffle the store first (rebuild --shuffle), or let HDF5Data shuffle (shuffle: true)" : null;
        return sourceFormat.Name == Hdf5Format.FormatName ? null
            : $"{source}: {sourceFormat.Name} data cannot be written as HDF5 (HDF5 copies from HDF5, LMDB and LevelDB)";
    }

    public IReadOnlyList<string> Preview(RebuildPlan plan)
    {
        if (DatumFormats.Contains(plan.SourceFormat.Name)) return DatumsToHdf5.Preview(plan);
        var notes = new List<string>();
        foreach (var file in FilesToWrite(plan, notes))
            notes.AddRange(Refused(file.Entry, () => Hdf5Rewriter.Preview(file.Entry.Path!)).Select(n => $"{file.Relative}: {n}"));
        if (plan.ShuffleSeed is { } seed) notes.Add(ShuffleNote(seed));
        return notes;
    }

    public RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        if (DatumFormats.Contains(plan.SourceFormat.Name)) return DatumsToHdf5.Write(plan, cancellationToken);
        var droppedRows = plan.Dropped.Select(d => d.Id).Select(id => (File: FileOfSample!(id)!, Row: long.Parse(id[(id.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(d => d.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.Row).ToHashSet(), StringComparer.Ordinal);
        var notes = new List<string>();
        var written = new List<string>();
        long rows = 0;
        foreach (var (entry, relative) in FilesToWrite(plan, notes))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = Path.Combine(plan.Destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var drop = droppedRows.GetValueOrDefault(entry.Id) ?? [];
            // --shuffle: rows are permuted within each file, and the files' order in the list (as HDF5Data's own shuffle does).
            var seed = plan.ShuffleSeed is { } s ? s + written.Count : (int?)null;
            var result = Refused(entry, () => Hdf5Rewriter.Copy(entry.Path!, target, row => !drop.Contains(row), cancellationToken,
                seed is { } fileSeed ? kept => Shuffled(kept, fileSeed) : null));
            notes.AddRange(result.Notes.Select(n => $"{relative}: {n}"));
            rows += result.RowsKept;
            written.Add(relative);
        }
        if (plan.ShuffleSeed is { } listSeed)
        {
            var files = written.ToArray();
            new Random(listSeed).Shuffle(files);
            written = [.. files];
            notes.Add(ShuffleNote(listSeed));
        }
        if (Hdf5Inputs.IsSourceList(plan.Source) && !Directory.Exists(plan.Source))
        {
            var list = Path.GetFileName(plan.Source);
            Hdf5Rewriter.WriteSourceList(Path.Combine(plan.Destination, list), written);
            return new RebuildOutput(rows, list, notes);
        }
        return new RebuildOutput(rows, Directory.Exists(plan.Source) || written.Count == 0 ? "" : written[0], notes);
    }

    /// <summary>The source's files that the copy keeps, with where each goes under the destination (noted when
    /// that differs from how the source names it).</summary>
    private static List<(Hdf5Inputs.Entry Entry, string Relative)> FilesToWrite(RebuildPlan plan, List<string> notes)
    {
        var dropped = plan.DroppedFiles.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var files = new List<(Hdf5Inputs.Entry, string)>();
        // An entry naming no file is in the plan's dropped files (the plan refuses the rebuild otherwise).
        foreach (var entry in Hdf5Inputs.Resolve(plan.Source).Where(e => e.Path is not null && !dropped.Contains(e.Id)))
        {
            var relative = SafeRelative(entry.Id);
            if (relative != entry.Id) notes.Add($"{entry.Id}: written as {relative} (paths outside the destination are not written)");
            files.Add((entry, relative));
        }
        return files;
    }

    /// <summary>A file this build cannot read (a filter it cannot decode) cannot be copied: one line naming it.</summary>
    private static T Refused<T>(Hdf5Inputs.Entry entry, Func<T> copy)
    {
        try
        {
            return copy();
        }
        catch (NotSupportedException e)
        {
            throw new RebuildException($"{entry.Id}: {e.Message}, so it cannot be copied; nothing was written", isUsage: false, e);
        }
    }

    private static string ShuffleNote(int seed) => $"shuffled with seed {seed}: rows within each file, and the files' order in the list";

    private static List<long> Shuffled(List<long> rows, int seed)
    {
        var array = rows.ToArray();
        new Random(seed).Shuffle(array);
        return [.. array];
    }

    /// <summary>A list may name absolute paths or climb out with '..': such files go to the top of the destination.</summary>
    private static string SafeRelative(string id) =>
        Path.IsPathRooted(id) || id.Replace('\\', '/').Split('/').Contains("..") ? Path.GetFileName(id) : id;
}
