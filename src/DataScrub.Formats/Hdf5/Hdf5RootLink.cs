namespace DataScrub.Formats.Hdf5;

/// <summary>One link of the root group as the file stores it, before anything follows it: a hard link (to an object
/// header), a soft link (a path in this file) or an external link (a file and a path in it).</summary>
internal sealed record Hdf5RootLink(string Name, Hdf5LinkKind Kind, string? Target)
{
    public override string ToString() => Kind switch
    {
        Hdf5LinkKind.Soft => $"'{Name}' -> '{Target}'",
        Hdf5LinkKind.External => $"'{Name}' -> {Target}",
        _ => $"'{Name}'",
    };
}

internal enum Hdf5LinkKind { Hard, Soft, External, Other }
