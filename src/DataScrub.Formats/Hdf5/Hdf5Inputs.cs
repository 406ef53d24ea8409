namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The files an HDF5 input names: one <c>.h5</c> file, a directory of them (by name), or a Caffe source
/// list (<c>hdf5_data_param.source</c>: whitespace-separated paths, relative ones resolved against the
/// list's folder, then the working directory). Each has the id samples are named by (<c>FILE#ROW</c>).
/// </summary>
internal static class Hdf5Inputs
{
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>An input file: its id (as written in the list, or relative to the root) and its path, null when missing.</summary>
    public sealed record Entry(string Id, string? Path);

    public static bool IsHdf5File(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            Span<byte> header = stackalloc byte[8];
            // The superblock may follow a user block of 512, 1024, 2048, ... bytes.
            for (long offset = 0; offset < Math.Min(stream.Length, 1 << 20); offset = offset == 0 ? 512 : offset * 2)
            {
                stream.Position = offset;
                if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8) return false;
                if (header.SequenceEqual(Signature)) return true;
            }
            return false;
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

    public static IReadOnlyList<Entry> Resolve(string path)
    {
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path).Where(HasHdf5Extension).Order(StringComparer.Ordinal)
                .Select(f => new Entry(System.IO.Path.GetFileName(f), f)).ToList();
        if (IsSourceList(path))
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            return File.ReadLines(path).SelectMany(Tokens).Select(token => new Entry(token, Locate(token, folder))).ToList();
        }
        return [new Entry(System.IO.Path.GetFileName(path), path)];
    }

    private static string? Locate(string token, string listFolder)
    {
        if (System.IO.Path.IsPathRooted(token)) return File.Exists(token) ? token : null;
        var besideList = System.IO.Path.Combine(listFolder, token);
        if (File.Exists(besideList)) return besideList;
        return File.Exists(token) ? System.IO.Path.GetFullPath(token) : null;
    }

    private static IEnumerable<string> Tokens(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static bool HasHdf5Extension(string path) =>
        path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".he5", StringComparison.OrdinalIgnoreCase);
}
