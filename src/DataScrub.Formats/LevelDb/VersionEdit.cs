namespace DataScrub.Formats.LevelDb;

/// <summary>One MANIFEST record: the changes to the set of live files that one version made.</summary>
internal sealed class VersionEdit
{
    private const uint TagComparator = 1, TagLogNumber = 2, TagNextFile = 3, TagLastSequence = 4;
    private const uint TagCompactPointer = 5, TagDeletedFile = 6, TagNewFile = 7, TagPrevLogNumber = 9;

    public string? Comparator { get; set; }
    public ulong? LogNumber { get; set; }
    public ulong? PrevLogNumber { get; set; }
    public ulong? NextFileNumber { get; set; }
    public ulong? LastSequence { get; set; }
    public List<(int Level, ulong Number)> DeletedFiles { get; } = [];
    public List<TableFileInfo> NewFiles { get; } = [];

    public static VersionEdit? Decode(ReadOnlySpan<byte> record, out string? error)
    {
        var edit = new VersionEdit();
        var p = 0;
        error = null;
        while (p < record.Length)
        {
            if (!LevelDbCoding.TryReadVarint32(record, ref p, out var tag)) { error = "garbled tag"; return null; }
            switch (tag)
            {
                case TagComparator:
                    if (!LevelDbCoding.TryReadLengthPrefixed(record, ref p, out var name)) { error = "garbled comparator name"; return null; }
                    edit.Comparator = System.Text.Encoding.UTF8.GetString(name);
                    break;
                case TagLogNumber or TagNextFile or TagLastSequence or TagPrevLogNumber:
                    if (!LevelDbCoding.TryReadVarint64(record, ref p, out var number)) { error = $"garbled field {tag}"; return null; }
                    switch (tag)
                    {
                        case TagLogNumber: edit.LogNumber = number; break;
                        case TagNextFile: edit.NextFileNumber = number; break;
                        case TagLastSequence: edit.LastSequence = number; break;
                        default: edit.PrevLogNumber = number; break;
                    }
                    break;
                case TagCompactPointer:
                    if (!LevelDbCoding.TryReadVarint32(record, ref p, out _) || !LevelDbCoding.TryReadLengthPrefixed(record, ref p, out _))
                    { error = "garbled compaction pointer"; return null; }
                    break;
                case TagDeletedFile:
                    if (!LevelDbCoding.TryReadVarint32(record, ref p, out var deletedLevel) || !LevelDbCoding.TryReadVarint64(record, ref p, out var deleted) || deletedLevel >= 7)
                    { error = "garbled deleted-file entry"; return null; }
                    edit.DeletedFiles.Add(((int)deletedLevel, deleted));
                    break;
                case TagNewFile:
                    if (!LevelDbCoding.TryReadVarint32(record, ref p, out var level) || level >= 7
                        || !LevelDbCoding.TryReadVarint64(record, ref p, out var fileNumber)
                        || !LevelDbCoding.TryReadVarint64(record, ref p, out var fileSize)
                        || !LevelDbCoding.TryReadLengthPrefixed(record, ref p, out var smallest)
                        || !LevelDbCoding.TryReadLengthPrefixed(record, ref p, out var largest)
                        || smallest.Length < InternalKey.TrailerSize || largest.Length < InternalKey.TrailerSize)
                    { error = "garbled new-file entry"; return null; }
                    edit.NewFiles.Add(new TableFileInfo((int)level, fileNumber, fileSize, smallest.ToArray(), largest.ToArray()));
                    break;
                default:
                    error = $"unknown tag {tag}";
                    return null;
            }
        }
        return edit;
    }

    public byte[] Encode()
    {
        using var output = new MemoryStream();
        if (Comparator is not null)
        {
            LevelDbCoding.WriteVarint64(output, TagComparator);
            LevelDbCoding.WriteLengthPrefixed(output, System.Text.Encoding.UTF8.GetBytes(Comparator));
        }
        void Number(uint tag, ulong? value)
        {
            if (value is null) return;
            LevelDbCoding.WriteVarint64(output, tag);
            LevelDbCoding.WriteVarint64(output, value.Value);
        }
        Number(TagLogNumber, LogNumber);
        Number(TagPrevLogNumber, PrevLogNumber);
        Number(TagNextFile, NextFileNumber);
        Number(TagLastSequence, LastSequence);
        foreach (var (level, number) in DeletedFiles)
        {
            LevelDbCoding.WriteVarint64(output, TagDeletedFile);
            LevelDbCoding.WriteVarint64(output, (ulong)level);
            LevelDbCoding.WriteVarint64(output, number);
        }
        foreach (var file in NewFiles)
        {
            LevelDbCoding.WriteVarint64(output, TagNewFile);
            LevelDbCoding.WriteVarint64(output, (ulong)file.Level);
            LevelDbCoding.WriteVarint64(output, file.Number);
            LevelDbCoding.WriteVarint64(output, file.Size);
            LevelDbCoding.WriteLengthPrefixed(output, file.Smallest);
            LevelDbCoding.WriteLengthPrefixed(output, file.Largest);
        }
        return output.ToArray();
    }
}

/// <summary>A table as the MANIFEST describes it; keys are internal keys.</summary>
internal sealed record TableFileInfo(int Level, ulong Number, ulong Size, byte[] Smallest, byte[] Largest);
