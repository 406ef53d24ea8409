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
    public RebuildOutput Write(string source, ReaderOptions options, string destination, IReadOnlyList<DroppedSample> dropped, CancellationToken cancellationToken)
    {
        var isList = !Directory.Exists(source);
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

        // The listfile keeps the source's lines of surviving samples verbatim (spacing, label text).
        var name = Path.GetFileName(source);
        using (var list = new StreamWriter(Path.Combine(destination, name)))
            foreach (var line in File.ReadLines(source))
            {
                if (ImageFolderLayout.SplitListLine(line) is var (id, _) && kept.Contains(id)) list.WriteLine(line);
            }
        return new RebuildOutput(written, name, []);
    }
}
