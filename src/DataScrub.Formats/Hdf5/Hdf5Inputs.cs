namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The files an HDF5 input names: one <c>.h5</c> file, a directory of them (by name), or a Caffe source
/// list (<c>hdf5_data_param.source</c>: whitespace-separated paths, relative ones resolved against the
/// list's folder, then the working directory). Each listing has the name its samples are named by
/// (<c>FILE#ROW</c>). A list may name a file more than once, and Caffe then reads it that many times per
/// epoch: the n-th listing of an entry (n &gt;= 2) is named <c>ENTRY@n</c> (samples <c>ENTRY@n#ROW</c>), so
/// every sample id is unique and the first listing keeps the plain <c>ENTRY#ROW</c> ids.
/// </summary>
internal static class Hdf5Inputs
{
    /// <summary>An input file: its id (as written in the list, or relative to the root), its path (null
    /// when missing), and which listing of that id it is (1 for the first).</summary>
    /// <param name="RepeatOf">The name of an earlier listing of the same file (however spelled), or null.</param>
    public sealed record Entry(string Id, string? Path, int Listing = 1, string? RepeatOf = null)
    {
        /// <summary>What samples and findings of this listing are named by: <c>ENTRY</c>, or <c>ENTRY@n</c> for the n-th listing.</summary>
        public string Name => Listing == 1 ? Id : $"{Id}@{Listing}";

        /// <summary>The listing's part of a sample id <c>NAME#ROW</c>.</summary>
        public string SampleId(long row) => $"{Name}#{row}";
    }

    public static bool IsHdf5File(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return Hdf5Superblock.Find(handle) is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool IsSourceList(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length > 16 << 20 || IsHdf5File(path)) return false;
        try
        {
            var first = File.ReadLines(path).SelectMany(Tokens).FirstOrDefault();
            return first is not null && HasHdf5Extension(first);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    public static bool IsHdf5Directory(string path) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path).Any(f => HasHdf5Extension(f) && IsHdf5File(f));

    /// <param name="workingDirectory">Where a relative entry not beside the list is looked for (<see cref="ReaderOptions.WorkingDirectory"/>); null: this process's.</param>
    public static IReadOnlyList<Entry> Resolve(string path, string? workingDirectory = null)
    {
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path).Where(HasHdf5Extension).Order(StringComparer.Ordinal)
                .Select(f => new Entry(System.IO.Path.GetFileName(f), f)).ToList();
        if (IsSourceList(path))
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            var listings = new Dictionary<string, int>(StringComparer.Ordinal);
            var firstOfFile = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<Entry>();
            foreach (var token in File.ReadLines(path).SelectMany(Tokens))
            {
                var located = Locate(token, folder, workingDirectory);
                var entry = new Entry(token, located, listings[token] = listings.GetValueOrDefault(token) + 1);
                if (located is not null)
                {
                    var full = System.IO.Path.GetFullPath(located);
                    if (firstOfFile.TryGetValue(full, out var first)) entry = entry with { RepeatOf = first };
                    else firstOfFile[full] = entry.Name;
                }
                entries.Add(entry);
            }
            return entries;
        }
        return [new Entry(System.IO.Path.GetFileName(path), path)];
    }

    private static string? Locate(string token, string listFolder, string? workingDirectory)
    {
        // No file name holds a NUL byte, and Path.GetFullPath throws on one (a damaged list crashed the scan; found by
        // the mutation tests and by AFL++): the entry is a missing file like any other name that names nothing.
        if (token.Contains('\0')) return null;
        if (System.IO.Path.IsPathRooted(token)) return File.Exists(token) ? token : null;
        var besideList = System.IO.Path.Combine(listFolder, token);
        if (File.Exists(besideList)) return besideList;
        var fromWorkingDirectory = System.IO.Path.GetFullPath(token, workingDirectory ?? Directory.GetCurrentDirectory());
        return File.Exists(fromWorkingDirectory) ? fromWorkingDirectory : null;
    }

    private static IEnumerable<string> Tokens(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static bool HasHdf5Extension(string path) =>
        path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".he5", StringComparison.OrdinalIgnoreCase);
}
