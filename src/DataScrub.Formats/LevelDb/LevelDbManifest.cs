using System.Text.RegularExpressions;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// The current version of a LevelDB: <c>CURRENT</c> names a MANIFEST, whose VersionEdits are replayed in
/// order (live tables = added − deleted per level). Refuses anything but the bytewise comparator, since
/// key order (and so the merge) depends on it. Read-only: nothing in the directory is touched.
/// </summary>
internal sealed partial class LevelDbManifest
{
    public const string BytewiseComparator = "leveldb.BytewiseComparator";

    public required string ManifestName { get; init; }
    public required string Comparator { get; init; }
    public required ulong LogNumber { get; init; }
    public required ulong PrevLogNumber { get; init; }
    public required ulong NextFileNumber { get; init; }
    public required ulong LastSequence { get; init; }

    /// <summary>Live tables, by level, each level's files in the order the manifest added them.</summary>
    public required IReadOnlyList<TableFileInfo> Tables { get; init; }

    /// <exception cref="DatasetUnreadableException">No CURRENT, no manifest, a damaged manifest or another comparator.</exception>
    public static LevelDbManifest Load(string directory)
    {
        var currentPath = Path.Combine(directory, "CURRENT");
        if (!File.Exists(currentPath))
            throw new DatasetUnreadableException(directory, "no CURRENT file, so this is not a LevelDB (or its CURRENT was lost)");
        string current;
        try
        {
            current = File.ReadAllText(currentPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetUnreadableException(directory, $"CURRENT cannot be read: {e.Message}", e);
        }
        var match = ManifestNamePattern().Match(current);
        if (!match.Success)
            throw new DatasetUnreadableException(directory, $"CURRENT does not name a manifest (it holds \"{Escape(current)}\")");
        var manifestName = match.Groups[1].Value;
        var manifestPath = Path.Combine(directory, manifestName);
        if (!File.Exists(manifestPath))
            throw new DatasetUnreadableException(directory, $"CURRENT names {manifestName}, which does not exist");

        string? comparator = null;
        ulong? logNumber = null, prevLog = null, nextFile = null, lastSequence = null;
        var live = new Dictionary<(int, ulong), TableFileInfo>();
        var order = new List<(int, ulong)>();
        string? damage = null;
        using (var stream = new FileStream(manifestPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            var reader = new LogReader(stream);
            reader.Corruption += (offset, _, reason) => damage ??= $"{manifestName} is damaged at offset {offset}: {reason}";
            while (reader.ReadRecord() is { } record)
            {
                var edit = VersionEdit.Decode(record, out var error)
                    ?? throw new DatasetUnreadableException(directory, $"{manifestName} has a garbled version edit at offset {reader.RecordOffset}: {error}");
                if (edit.Comparator is not null)
                {
                    if (edit.Comparator != BytewiseComparator)
                        throw new DatasetUnreadableException(directory,
                            $"keys are ordered by the comparator \"{edit.Comparator}\"; DataScrub (like Caffe) reads only {BytewiseComparator} databases");
                    comparator = edit.Comparator;
                }
                logNumber = edit.LogNumber ?? logNumber;
                prevLog = edit.PrevLogNumber ?? prevLog;
                nextFile = edit.NextFileNumber ?? nextFile;
                lastSequence = edit.LastSequence ?? lastSequence;
                foreach (var deleted in edit.DeletedFiles) live.Remove(deleted);
                foreach (var added in edit.NewFiles)
                {
                    var id = (added.Level, added.Number);
                    if (live.TryAdd(id, added)) order.Add(id);
                    else live[id] = added;
                }
            }
        }
        // LevelDB refuses to open a database whose manifest is damaged (VersionSet::Recover); so do we.
        if (damage is not null) throw new DatasetUnreadableException(directory, damage);
        if (logNumber is null || nextFile is null || lastSequence is null)
            throw new DatasetUnreadableException(directory, $"{manifestName} lacks the log number, next file number or last sequence (an incomplete manifest)");
        return new LevelDbManifest
        {
            ManifestName = manifestName,
            Comparator = comparator ?? BytewiseComparator,
            LogNumber = logNumber.Value,
            PrevLogNumber = prevLog ?? 0,
            NextFileNumber = nextFile.Value,
            LastSequence = lastSequence.Value,
            Tables = order.Where(live.ContainsKey).Select(id => live[id]).ToList(),
        };
    }

    /// <summary>True when <paramref name="directory"/> has a CURRENT that names an existing manifest.</summary>
    public static bool LooksLikeLevelDb(string directory)
    {
        try
        {
            var current = Path.Combine(directory, "CURRENT");
            if (!File.Exists(current) || new FileInfo(current).Length > 256) return false;
            var match = ManifestNamePattern().Match(File.ReadAllText(current));
            return match.Success && File.Exists(Path.Combine(directory, match.Groups[1].Value));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Escape(string text) => text.Length > 40 ? text[..40].ReplaceLineEndings("\\n") + "..." : text.ReplaceLineEndings("\\n");

    [GeneratedRegex(@"\A(MANIFEST-[0-9]+)\n\z")]
    private static partial Regex ManifestNamePattern();
}
