using DataScrub.Rebuild;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Cleaned HDF5 inputs: each file rewritten by <see cref="Hdf5Rewriter"/> without its dropped rows, at
/// its relative path under the destination, and for a source list a rewritten list naming them.
/// Files a list names but that do not exist are left out of the new list (noted). A file listed again
/// (samples <c>ENTRY@n#ROW</c>) is listed again: the earlier copy when the same rows are dropped from
/// both listings, else a copy of its own named <c>NAME@n.h5</c> beside it.
/// </summary>
internal sealed class Hdf5Rebuilder : IDatasetRebuilder
{
    private const string LmdbFormatName = Lmdb.LmdbFormat.FormatName;

    public RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        if (plan.SourceFormat.Name is LmdbFormatName or LevelDb.LevelDbFormat.FormatName)
            return DatumsToHdf5.Write(plan, cancellationToken);
        if (plan.SourceFormat.Name != Hdf5Format.FormatName)
            throw new RebuildException($"{plan.Source}: {plan.SourceFormat.Name} data cannot be written as HDF5 (HDF5 copies from HDF5, LMDB and LevelDB)", isUsage: true);
        var (source, destination, dropped) = (plan.Source, plan.Destination, plan.Dropped);
        // Sample ids are LISTING#ROW, LISTING as the input names it (ENTRY, or ENTRY@n for the n-th listing).
        var droppedRows = dropped.Select(d => d.Id).Select(id => (Listing: id[..id.LastIndexOf('#')], Row: long.Parse(id[(id.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(d => d.Listing, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.Row).ToHashSet(), StringComparer.Ordinal);
        var notes = new List<string>();
        var written = new List<string>();
        // Copies made so far, by relative path: the source file, the rows dropped from it, the rows kept.
        var copies = new Dictionary<string, (string Source, HashSet<long> Drop, long Kept)>(StringComparer.Ordinal);
        long rows = 0;
        var isList = Hdf5Inputs.IsSourceList(source) && !Directory.Exists(source);
        foreach (var entry in Hdf5Inputs.Resolve(source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Path is null)
            {
                notes.Add($"{entry.Id}: missing in the source, left out of the new list");
                continue;
            }
            var relative = SafeRelative(entry.Id);
            if (relative != entry.Id) notes.Add($"{entry.Id}: written as {relative} (paths outside the destination are not written)");
            var drop = droppedRows.GetValueOrDefault(entry.Name) ?? [];
            var sourcePath = Path.GetFullPath(entry.Path);
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
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // --shuffle: rows are permuted within each file, and the files' order in the list (as HDF5Data's own shuffle does).
            var seed = plan.ShuffleSeed is { } s ? s + written.Count : (int?)null;
            var result = Hdf5Rewriter.Copy(entry.Path, target, row => !drop.Contains(row), cancellationToken,
                seed is { } fileSeed ? kept => Shuffled(kept, fileSeed) : null);
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
            notes.Add($"shuffled with seed {listSeed}: rows within each file, and the files' order in the list");
        }
        if (isList)
        {
            var list = Path.GetFileName(source);
            Hdf5Rewriter.WriteSourceList(Path.Combine(destination, list), written);
            return new RebuildOutput(rows, list, notes);
        }
        return new RebuildOutput(rows, Directory.Exists(source) || written.Count == 0 ? "" : written[0], notes);
    }

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
