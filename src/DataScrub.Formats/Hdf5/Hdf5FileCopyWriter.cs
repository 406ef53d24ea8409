using DataScrub.Rebuild;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Cleaned HDF5 inputs from HDF5 inputs, the byte-identical fast path: each file rewritten by
/// <see cref="Hdf5Rewriter"/> without its dropped rows (same datasets, dtypes, chunking, filters and attributes),
/// at its relative path under the destination, and for a source list a rewritten list naming them. Files the
/// plan drops whole (a file Caffe refuses, an entry naming no file) are left out of the new list. A file
/// listed again (samples <c>ENTRY@n#ROW</c>) is listed again: the earlier copy when the same rows are dropped
/// from both listings, else a copy of its own named <c>NAME@n.h5</c> beside it. The rows to drop are the plan's
/// dropped positions within each listing's span of samples.
/// </summary>
internal sealed class Hdf5FileCopyWriter(RebuildPlan plan) : IDatasetWriter, ISourceCopyWriter
{
    /// <summary>Files are copied whole (<see cref="CopySource"/>): samples are never handed over one by one.</summary>
    public void Write(in WritableSample sample) =>
        throw new InvalidOperationException("HDF5 inputs are copied file by file (CopySource), not sample by sample");

    public RebuildOutput Complete() =>
        throw new InvalidOperationException("HDF5 inputs are copied file by file (CopySource), not sample by sample");

    public void Dispose()
    {
    }

    public RebuildOutput CopySource(CancellationToken cancellationToken)
    {
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
            // A listing's samples are its rows in order: the dropped positions within its span are the rows to leave out.
            var span = plan.FileSpans.GetValueOrDefault(entry.Name);
            var drop = span.Count > 0 ? plan.Drops.Within(span.First, span.Count) : [];
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
            if (span.Count > 0 && result.RowsKept + result.RowsDropped != span.Count)
                throw new RebuildException($"{entry.Id}: {result.RowsKept + result.RowsDropped} rows in the file, but {span.Count} were read from it; nothing was written", isUsage: false);
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
    internal static List<(Hdf5Inputs.Entry Entry, string Relative)> FilesToWrite(RebuildPlan plan, List<string> notes)
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
    internal static T Refused<T>(Hdf5Inputs.Entry entry, Func<T> copy)
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

    internal static string ShuffleNote(int seed) => $"shuffled with seed {seed}: rows within each file, and the files' order in the list";

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
