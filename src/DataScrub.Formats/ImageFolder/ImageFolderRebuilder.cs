using DataScrub.Rebuild;

namespace DataScrub.Formats.ImageFolder;

/// <summary>
/// A cleaned image folder: the surviving image files copied byte for byte to the same relative paths
/// (every class folder is kept, even when emptied, so that labels by folder order do not shift), and for
/// a listfile the listfile with the surviving lines verbatim, in order. Only files the listing resolved
/// inside its root are copied, so nothing is ever written outside the destination.
/// </summary>
internal sealed class ImageFolderRebuilder : IDatasetRebuilder
{
    public RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        if (plan.SourceFormat.Name != ImageFolderFormat.FormatName)
            throw new RebuildException($"{plan.Source}: {plan.SourceFormat.Name} data cannot be written as an image folder", isUsage: true);
        var (source, options, destination, dropped) = (plan.Source, plan.Options, plan.Destination, plan.Dropped);
        var isList = !Directory.Exists(source);
        if (plan.ShuffleSeed is not null && !isList)
            throw new RebuildException("--shuffle: a folder's images are read in name order; shuffle a listfile (its lines are shuffled) instead", isUsage: true);
        var listing = isList ? ImageFolderLayout.FromListFile(source, options.Root) : ImageFolderLayout.FromDirectory(source);
        var drop = DroppedSample.Ids(dropped);
        foreach (var className in listing.Classes?.Keys ?? [])
            Directory.CreateDirectory(Path.Combine(destination, className));
        var destinationRoot = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        var kept = new HashSet<string>(StringComparer.Ordinal);
        long written = 0;
        foreach (var entry in listing.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Path is null || drop.Contains(entry.Id)) continue;
            var target = Path.GetFullPath(Path.Combine(destination, entry.Id));
            if (!target.StartsWith(destinationRoot, StringComparison.Ordinal))
                throw new IOException($"{entry.Id} would be written outside {destination}; refused");
            if (kept.Add(entry.Id))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(entry.Path, target);
            }
            written++;
        }
        if (!isList) return new RebuildOutput(written, "", []);

        // The listfile keeps the source's lines of surviving samples verbatim (spacing, label text);
        // --shuffle permutes them with a seeded generator, as convert_imageset --shuffle does.
        var name = Path.GetFileName(source);
        var lines = File.ReadLines(source).Where(line => ImageFolderLayout.SplitListLine(line) is var (id, _) && kept.Contains(id)).ToList();
        if (plan.ShuffleSeed is { } seed) new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines));
        File.WriteAllLines(Path.Combine(destination, name), lines);
        return new RebuildOutput(written, name, plan.ShuffleSeed is { } s ? [$"listfile lines shuffled with seed {s}"] : []);
    }
}
