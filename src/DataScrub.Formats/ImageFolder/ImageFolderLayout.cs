using System.Globalization;
using DataScrub.Findings;
using DataScrub.Samples;

namespace DataScrub.Formats.ImageFolder;

/// <summary>
/// Lists the images of an input: a Caffe listfile (<c>path label</c> per line, as convert_imageset and
/// the ImageData layer read it), a class-per-subfolder tree (label = index of the folder name in ordinal
/// order, as torchvision's ImageFolder), or a flat folder without labels. Recursive, hidden files and
/// folders skipped, directory symlinks not followed (no loops), extensions matched case-insensitively.
/// </summary>
internal static class ImageFolderLayout
{
    public sealed record Listing(IReadOnlyList<ImageFolderEntry> Entries, IReadOnlyDictionary<string, long>? Classes, IReadOnlyList<Finding> Findings);

    public static bool IsImageFile(string path) =>
        !Path.GetFileName(path).StartsWith('.') && ImageContainers.FromExtension(Path.GetExtension(path)) is not null;

    public static bool IsListFile(string path)
    {
        if (!File.Exists(path) || !path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || new FileInfo(path).Length > 256 << 20) return false;
        try
        {
            var first = File.ReadLines(path).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
            var tokens = first?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return tokens is { Length: >= 1 } && ImageContainers.FromExtension(Path.GetExtension(tokens[0])) is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool HasImages(string directory) =>
        Directory.Exists(directory) && Walk(directory).Any();

    public static Listing FromListFile(string listFile, string? root)
    {
        // Without its trailing separator ('--root images/', as Caffe's root_folder is written): the containment test below
        // appends one, and 'images//' would put every entry outside the root.
        var rootPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root ?? Path.GetDirectoryName(Path.GetFullPath(listFile))!));
        var entries = new List<ImageFolderEntry>();
        var findings = new List<Finding>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(listFile))
        {
            lineNumber++;
            if (SplitListLine(line) is not var (id, labelText)) continue;
            long? label = null;
            if (labelText is not null)
            {
                if (!long.TryParse(labelText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    findings.Add(new Finding(FindingKinds.UnreadableRecord, null, id, null, null, null,
                        $"line {lineNumber} of {Path.GetFileName(listFile)}: the label \"{labelText}\" is not an integer") { File = Path.GetFileName(listFile) });
                    continue;
                }
                if (parsed < 0)
                {
                    findings.Add(new Finding(FindingKinds.LabelOutOfRange, null, id, null, parsed, null,
                        $"line {lineNumber} of {Path.GetFileName(listFile)}: label {parsed} is negative") { File = Path.GetFileName(listFile) });
                    continue;
                }
                label = parsed;
            }
            if (id.Contains('\0'))
            {
                // No file name holds a NUL byte, and Path.GetFullPath throws on one: a damaged line, not an image path
                // (found by the mutation tests and by AFL++:
                // fuzz/regressions/listfile).
                findings.Add(new Finding(FindingKinds.MissingFile, null, id.Replace('\0', '?'), null, null, null,
                    $"line {lineNumber} of {Path.GetFileName(listFile)}: the path holds a NUL byte, which no file name can; not followed") { File = Path.GetFileName(listFile) });
                continue;
            }
            var full = Path.GetFullPath(Path.Combine(rootPath, id));
            if (!full.StartsWith(rootPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                findings.Add(new Finding(FindingKinds.MissingFile, null, id, null, null, null,
                    $"line {lineNumber} of {Path.GetFileName(listFile)}: {id} lies outside the root {rootPath}; not followed") { File = Path.GetFileName(listFile) });
                continue;
            }
            if (!File.Exists(full))
            {
                findings.Add(new Finding(FindingKinds.MissingFile, null, id, null, null, null,
                    $"line {lineNumber} of {Path.GetFileName(listFile)}: {id} does not exist under {rootPath}") { File = Path.GetFileName(listFile) });
                continue;
            }
            entries.Add(new ImageFolderEntry(id, full, label));
        }
        return new Listing(entries, null, findings);
    }

    /// <summary>A listfile line as <c>convert_imageset</c> reads it: the path up to the last space (file
    /// names may contain spaces), then the label text; null for a blank line.</summary>
    public static (string Id, string? LabelText)? SplitListLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        var trimmed = line.Trim();
        var cut = trimmed.LastIndexOf(' ');
        return cut < 0 ? (trimmed, null) : (trimmed[..cut].TrimEnd(), trimmed[(cut + 1)..]);
    }

    public static Listing FromDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        var classFolders = Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && !IsLink(d))
            .Order(StringComparer.Ordinal).ToList();
        var topImages = Directory.EnumerateFiles(root).Where(IsImageFile).ToList();
        if (classFolders.Count > 0 && topImages.Count == 0)
        {
            var classes = classFolders.Select((d, i) => (Name: Path.GetFileName(d), Label: (long)i)).ToDictionary(c => c.Name, c => c.Label);
            var entries = classFolders.SelectMany(folder => Walk(folder)
                    .Select(file => new ImageFolderEntry(Relative(root, file), file, classes[Path.GetFileName(folder)])))
                .OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            return new Listing(entries, classes, []);
        }
        return new Listing(Walk(root).Select(f => new ImageFolderEntry(Relative(root, f), f, null)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList(), null, []);
    }

    private static IEnumerable<string> Walk(string directory)
    {
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            IEnumerable<string> files, folders;
            try
            {
                files = Directory.EnumerateFiles(current).ToList();
                folders = Directory.EnumerateDirectories(current).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var file in files.Where(IsImageFile)) yield return file;
            foreach (var folder in folders)
                if (!Path.GetFileName(folder).StartsWith('.') && !IsLink(folder)) pending.Push(folder);
        }
    }

    private static bool IsLink(string path) => new DirectoryInfo(path).LinkTarget is not null;

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
}
