using DataScrub.Rebuild;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Cleaned HDF5 inputs: each file rewritten by <see cref="Hdf5Rewriter"/> without its dropped rows, at
/// its relative path under the destination, and for a source list a rewritten list naming them. Files the
/// plan drops whole (a file Caffe refuses, an entry naming no file) are left out of the new list. A file
/// listed again (samples <c>ENTRY@n#ROW</c>) is listed again: the earlier copy when the same rows are dropped
/// from both listings, else a copy of its own named <c>NAME@n.h5</c> beside it.
/// From a Datum store: <see cref="DatumsToHdf5"/>.
/// </summary>
internal sealed class Hdf5Rebuilder : IDatasetRebuilder
{
    private static readonly string[] DatumFormats = [Lmdb.LmdbFormat.FormatName, LevelDb.LevelDbFormat.FormatName];

    /// <summary>Sample ids are LISTING#ROW, LISTING as the input names it (ENTRY, or ENTRY@n for the n-th listing).</summary>
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
        // Each file once: a repeated listing is copied from the same source, with the same verdict.
        foreach (var file in FilesToWrite(plan, notes).DistinctBy(f => f.Entry.Path))
            notes.AddRange(Refused(file.Entry, () => Hdf5Rewriter.Preview(file.Entry.Path!)).Select(n => $"{file.Relative}: {n}"));
        if (plan.ShuffleSeed is { } seed) notes.Add(ShuffleNote(seed));
        return notes;
    }

    public RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        if (DatumFormats.Contains(plan.SourceFormat.Name)) return DatumsToHdf5.Write(plan, cancellationToken);
        var droppedRows = plan.Dropped.Select(d => d.Id).Select(id => (Listing: FileOfSample!(id)!, Row: long.Parse(id[(id.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(d => d.Listing, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.Row).ToHashSet(), StringComparer.Ordinal);
        var notes = new List<string>();
        var written = new List<string>();
        // Copies made so far, by relative path: the source file, the rows dropped from it, the rows kept.
        var copies = new Dictionary<string, (string Source, HashSet<long> Drop, long Kept)>(StringComparer.Ordinal);
        var isList = Hdf5Inputs.IsSourceList(plan.Source) && !Directory.Exists(plan.Source);
        long rows = 0;
        foreach (var (entry, listed) in FilesToWrite(plan, notes))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = listed;
            var drop = droppedRows.GetValueOrDefault(entry.Name) ?? [];
            var sourcePath = Path.GetFullPath(entry.Path!);
            if (copies.TryGetValue(relative, out var earlier))
            {
                if (earlier.Source == sourcePath && earlier.Drop.SetEquals(drop) && plan.ShuffleSeed is null)
                {
                    if (earlier.Kept == 0) continue;
                    notes.Add($"{entry.Name}: listed again as {relative} (the same rows dropped as from its earlier listing)");
                    rows += earlier.Kept;
                    written.Add(relative);
                    continue;
                }
                relative = ListingCopyName(relative, entry.Listing, copies);
                notes.Add($"{entry.Name}: written as {relative} (listed again, {(plan.ShuffleSeed is null ? "with other rows dropped" : "shuffled on its own")})");
            }
            var target = Path.Combine(plan.Destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // --shuffle: rows are permuted within each file, and the files' order in the list (as HDF5Data's own shuffle does).
            var seed = plan.ShuffleSeed is { } s ? s + written.Count : (int?)null;
            var result = Refused(entry, () => Hdf5Rewriter.Copy(entry.Path!, target, row => !drop.Contains(row), cancellationToken,
                seed is { } fileSeed ? kept => Shuffled(kept, fileSeed) : null));
            notes.AddRange(result.Notes.Select(n => $"{relative}: {n}"));
            copies[relative] = (sourcePath, drop, result.RowsKept);
            if (result.RowsKept == 0 && isList)
            {
                // Caffe indexes rows of the file it loads without checking that there are any.
                File.Delete(target);
                notes.Add($"{entry.Name}: every row dropped, left out of the new list");
                continue;
            }
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
        if (isList)
        {
            var list = Path.GetFileName(plan.Source);
            Hdf5Rewriter.WriteSourceList(Path.Combine(plan.Destination, list), written);
            return new RebuildOutput(rows, list, notes);
        }
        return new RebuildOutput(rows, Directory.Exists(plan.Source) || written.Count == 0 ? "" : written[0], notes);
    }

    /// <summary>The source's listings that the copy keeps, with where each goes under the destination (noted when
    /// that differs from how the source names it).</summary>
    private static List<(Hdf5Inputs.Entry Entry, string Relative)> FilesToWrite(RebuildPlan plan, List<string> notes)
    {
        var dropped = plan.DroppedFiles.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var files = new List<(Hdf5Inputs.Entry, string)>();
        // An entry naming no file is in the plan's dropped files (the plan refuses the rebuild otherwise).
        foreach (var entry in Hdf5Inputs.Resolve(plan.Source).Where(e => e.Path is not null && !dropped.Contains(e.Name)))
        {
            var relative = SafeRelative(entry.Id);
            if (relative != entry.Id && entry.Listing == 1) notes.Add($"{entry.Id}: written as {relative} (paths outside the destination are not written)");
            files.Add((entry, relative));
        }
        return files;
    }

    /// <summary>A file this build cannot copy as it is (a filter it cannot decode, rows never written) is refused:
    /// one line naming it.</summary>
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

    /// <summary>NAME@n.h5 beside NAME.h5 for the n-th listing (a higher n if that is taken too).</summary>
    private static string ListingCopyName(string relative, int listing, Dictionary<string, (string, HashSet<long>, long)> copies)
    {
        var directory = Path.GetDirectoryName(relative) ?? "";
        for (var n = Math.Max(listing, 2); ; n++)
        {
            var name = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(relative)}@{n}{Path.GetExtension(relative)}");
            if (!copies.ContainsKey(name)) return name;
        }
    }

    /// <summary>A list may name absolute paths or climb out with '..': such files go to the top of the destination.</summary>
    private static string SafeRelative(string id) =>
        Path.IsPathRooted(id) || id.Replace('\\', '/').Split('/').Contains("..") ? Path.GetFileName(id) : id;
}
