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
    /// <summary>Every image is a sample of its own: there are no files of samples to leave out whole.</summary>
    public Func<string, string?>? FileOfSample => null;

    public string? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle)
    {
        if (sourceFormat.Name != ImageFolderFormat.FormatName) return $"{source}: {sourceFormat.Name} data cannot be written as an image folder";
        return shuffle && Directory.Exists(source) ? "--shuffle: a folder's images are read in name order; shuffle a listfile (its lines are shuffled) instead" : null;
    }

    public IReadOnlyList<string> Preview(RebuildPlan plan) => plan.ShuffleSeed is { } seed ? [ShuffleNote(seed)] : [];

    public RebuildOutput Write(RebuildPlan plan, CancellationToken cancellationToken)
    {
        var (source, options, destination) = (plan.Source, plan.Options, plan.Destination);
        var isList = !Directory.Exists(source);
        var listing = isList ? ImageFolderLayout.FromListFile(source, options.Root) : ImageFolderLayout.FromDirectory(source);
        // Dropped samples, and listed entries naming no readable image (the plan names them).
        var drop = plan.DropsId();
        foreach (var className in listing.Classes?.Keys ?? [])
            Directory.CreateDirectory(Path.Combine(destination, className));
        var destinationRoot = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        var kept = new HashSet<string>(StringComparer.Ordinal);
        long written = 0;
        foreach (var entry in listing.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Path is null || drop(entry.Id)) continue;
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
        return new RebuildOutput(written, name, plan.ShuffleSeed is { } s ? [ShuffleNote(s)] : []);
    }

    private static string ShuffleNote(int seed) => $"listfile lines shuffled with seed {seed}";
}
