using DataScrub.Rebuild;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Cleaned HDF5 inputs: each file rewritten by <see cref="Hdf5Rewriter"/> without its dropped rows, at
/// its relative path under the destination, and for a source list a rewritten list naming them.
/// Files a list names but that do not exist are left out of the new list (noted).
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
        // Sample ids are FILE#ROW, FILE as the input names it.
        var droppedRows = dropped.Select(d => d.Id).Select(id => (File: id[..id.LastIndexOf('#')], Row: long.Parse(id[(id.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(d => d.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.Row).ToHashSet(), StringComparer.Ordinal);
        var notes = new List<string>();
        var written = new List<string>();
        long rows = 0;
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
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var drop = droppedRows.GetValueOrDefault(entry.Id) ?? [];
            // --shuffle: rows are permuted within each file, and the files' order in the list (as HDF5Data's own shuffle does).
            var seed = plan.ShuffleSeed is { } s ? s + written.Count : (int?)null;
            var result = Hdf5Rewriter.Copy(entry.Path, target, row => !drop.Contains(row), cancellationToken,
                seed is { } fileSeed ? kept => Shuffled(kept, fileSeed) : null);
            notes.AddRange(result.Notes.Select(n => $"{relative}: {n}"));
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
        if (Hdf5Inputs.IsSourceList(source) && !Directory.Exists(source))
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

    /// <summary>A list may name absolute paths or climb out with '..': such files go to the top of the destination.</summary>
    private static string SafeRelative(string id) =>
        Path.IsPathRooted(id) || id.Replace('\\', '/').Split('/').Contains("..") ? Path.GetFileName(id) : id;
}
