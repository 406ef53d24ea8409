using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The root group's objects, as PureHDF's <c>Children()</c> lists them, but with soft links followed by DataScrub,
/// within limits: at most 16 in a row, as libhdf5 does (H5L_NUM_LINKS), and only to objects of the root group itself
/// (Caffe's HDF5Data reads root datasets). PureHDF follows links without limit, and a link leading back to itself
/// overflows the stack and kills the process (found by AFL++: fuzz/regressions/hdf5). External links are not
/// followed: DataScrub scans the file it is given, not files its links name; they are listed as not followed.
/// </summary>
internal static class Hdf5RootChildren
{
    /// <summary>libhdf5's H5L_NUM_LINKS: soft links it follows in a row before giving up ("too many links").</summary>
    public const int MaxSoftLinks = 16;

    /// <param name="Children">The root's objects (datasets, groups, named datatypes, PureHDF's unresolved links).</param>
    /// <param name="NotFollowed">The links not followed, each with why.</param>
    public sealed record Listing(List<IH5Object> Children, List<string> NotFollowed);

    public static Listing List(Hdf5SourceFile source)
    {
        var links = Hdf5RootLinks.TryRead(source);
        if (links is null || links.All(l => l.Kind == Hdf5LinkKind.Hard))
            return new Listing(source.File.Children().ToList(), []);

        var byName = new Dictionary<string, Hdf5RootLink>(StringComparer.Ordinal);
        foreach (var link in links) byName.TryAdd(link.Name, link);
        var listing = new Listing([], []);
        foreach (var link in byName.Values)
        {
            var why = link.Kind switch
            {
                Hdf5LinkKind.Hard => null,
                Hdf5LinkKind.Soft => WhyNotFollowed(link, byName),
                Hdf5LinkKind.External => "an external link; DataScrub scans the file it is given, not the files its links name",
                _ => "a user-defined link",
            };
            if (why is not null)
            {
                listing.NotFollowed.Add($"{link} ({why})");
                continue;
            }
            try
            {
                // Safe now: a hard link, or a chain of root soft links known to end at one.
                listing.Children.Add(source.File.Get(link.Name));
            }
            catch (Exception e)
            {
                // PureHDF throws plain exceptions for damaged objects; Children() would list these as unresolved.
                listing.NotFollowed.Add($"{link} ({e.Message})");
            }
        }
        return listing;
    }

    /// <summary>Null when the soft link leads, through at most <see cref="MaxSoftLinks"/> root soft links, to a hard
    /// link of the root; else why it is not followed.</summary>
    private static string? WhyNotFollowed(Hdf5RootLink link, Dictionary<string, Hdf5RootLink> root)
    {
        var current = link;
        for (var hops = 1; current.Kind == Hdf5LinkKind.Soft; hops++)
        {
            if (hops > MaxSoftLinks)
                return $"more than {MaxSoftLinks} soft links in a row, a cycle: libhdf5 refuses it too";
            var target = current.Target ?? "";
            var name = target.StartsWith('/') ? target[1..] : target;
            if (name.Contains('/') && root.TryGetValue(name[..name.IndexOf('/')], out var group) && group.Kind == Hdf5LinkKind.Hard)
                return null; // into a group the root holds (jhdf's soft_link_to_data -> /test_group/data): PureHDF resolves it
            if (name.Length == 0 || name.Contains('/') || name is "." or "..")
                return "a soft link to a path outside the root group's own objects; not followed";
            if (!root.TryGetValue(name, out var next))
                return $"a dangling soft link: the root has no '{name}'";
            current = next;
        }
        return current.Kind == Hdf5LinkKind.Hard ? null : $"it leads to {current}, which is not followed";
    }
}
