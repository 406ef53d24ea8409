using System.Text;
using DataScrub.Rebuild;

namespace DataScrub.Formats.ImageFolder;

/// <summary>
/// A cleaned image folder: each surviving image file written byte for byte to its relative path, from the bytes the
/// rebuild loop already read (not read a second time), with the source file's permission bits (every class
/// folder is created up front and kept, even when emptied, so that labels by folder order do not shift), and for a
/// listfile, at <see cref="Complete"/>, the listfile with the surviving lines verbatim, in order. Only files the
/// listing resolved inside its root are copied, so nothing is ever written outside the destination.
/// </summary>
internal sealed class ImageFolderWriter : IDatasetWriter
{
    private readonly RebuildPlan _plan;
    private readonly bool _isList;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _kept = new(StringComparer.Ordinal);
    private readonly string _destinationRoot;
    private long _written;

    public ImageFolderWriter(RebuildPlan plan)
    {
        _plan = plan;
        _isList = !Directory.Exists(plan.Source);
        var listing = _isList ? ImageFolderLayout.FromListFile(plan.Source, plan.Options.Root) : ImageFolderLayout.FromDirectory(plan.Source);
        foreach (var className in listing.Classes?.Keys ?? [])
            Directory.CreateDirectory(Path.Combine(plan.Destination, className));
        // A sample's key is its entry's id: where the reader found the file it read.
        foreach (var entry in listing.Entries)
            if (entry.Path is not null) _files.TryAdd(entry.Id, entry.Path);
        _destinationRoot = Path.GetFullPath(plan.Destination) + Path.DirectorySeparatorChar;
    }

    public void Write(in WritableSample sample)
    {
        var id = Encoding.UTF8.GetString(sample.Key);
        var target = Path.GetFullPath(Path.Combine(_plan.Destination, id));
        if (!target.StartsWith(_destinationRoot, StringComparison.Ordinal))
            throw new IOException($"{id} would be written outside {_plan.Destination}; refused");
        if (_kept.Add(id))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                file.Write(sample.Record);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(_files[id]));
        }
        _written++;
    }

    public RebuildOutput Complete()
    {
        if (!_isList) return new RebuildOutput(_written, "", []);

        // The listfile keeps the source's lines of surviving samples verbatim (spacing, label text);
        // --shuffle permutes them with a seeded generator, as convert_imageset --shuffle does.
        var name = Path.GetFileName(_plan.Source);
        var lines = File.ReadLines(_plan.Source).Where(line => ImageFolderLayout.SplitListLine(line) is var (id, _) && _kept.Contains(id)).ToList();
        if (_plan.ShuffleSeed is { } seed) new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines));
        File.WriteAllLines(Path.Combine(_plan.Destination, name), lines);
        return new RebuildOutput(_written, name, _plan.ShuffleSeed is { } s ? [ImageFolderRebuilder.ShuffleNote(s)] : []);
    }

    public void Dispose()
    {
    }
}
