using DataScrub.Samples;

namespace DataScrub.Analysis.Profile;

/// <summary>
/// Samples, samples with an error and samples with only warnings per source file, the file read from each sample's
/// key as the dataset names it (<see cref="SampleFileNaming"/>: <c>FILE#ROW</c> rows of an HDF5 list, an image
/// folder's relative paths). One entry per distinct file, up to <see cref="MaxFiles"/>; a dataset with more files
/// is only counted as such (then no file is listed), so the merge stays associative: the files are dropped exactly
/// when the whole dataset has more, however it was split.
/// </summary>
public sealed class FileFindingsTally
{
    /// <summary>The most distinct files kept (about 100 bytes each).</summary>
    public const int MaxFiles = 65_536;

    /// <summary>The most files listed: those with the most samples with findings.</summary>
    public const int MaxListed = 256;

    private readonly SampleFileNaming _naming;
    private Dictionary<byte[], Counts>? _files = new(FileKeyComparer.Instance);

    /// <summary>The last sample's file: consecutive samples mostly share it (one HDF5 file's rows, one folder's images).</summary>
    private byte[]? _currentFile;
    private Counts? _current;

    public FileFindingsTally(SampleFileNaming naming) => _naming = naming;

    /// <summary>True once the samples named more than <see cref="MaxFiles"/> files.</summary>
    public bool Overflowed => _files is null;

    /// <summary>Distinct files, or null past <see cref="MaxFiles"/>.</summary>
    public long? Files => _files?.Count;

    public void Observe(long index, ReadOnlySpan<byte> key, SampleOutcome outcome)
    {
        if (_files is null) return;
        var file = FileOf(key, _naming);
        if (_current is null || !file.SequenceEqual(_currentFile))
        {
            if (!_files.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(file, out var stored, out var counts))
            {
                if (_files.Count == MaxFiles)
                {
                    Overflow();
                    return;
                }
                (stored, counts) = (file.ToArray(), new Counts { FirstIndex = index });
                _files.Add(stored, counts);
            }
            (_currentFile, _current) = (stored, counts);
        }
        _current.Samples++;
        if (outcome == SampleOutcome.Error) _current.ErrorSamples++;
        else if (outcome == SampleOutcome.Warning) _current.WarningSamples++;
    }

    public void Merge(FileFindingsTally later)
    {
        if (_files is null) return;
        if (later._files is null)
        {
            Overflow();
            return;
        }
        foreach (var (file, other) in later._files)
        {
            if (_files.TryGetValue(file, out var counts))
            {
                counts.Samples += other.Samples;
                counts.ErrorSamples += other.ErrorSamples;
                counts.WarningSamples += other.WarningSamples;
                counts.FirstIndex = Math.Min(counts.FirstIndex, other.FirstIndex);
                continue;
            }
            if (_files.Count == MaxFiles)
            {
                Overflow();
                return;
            }
            _files.Add(file, other);
        }
        // This tally is not observed again once merged: the cache may point into the other's entries.
        (_currentFile, _current) = (null, null);
    }

    internal void Write(Sharding.ShardStateWriter writer)
    {
        writer.Write(_files is null);
        if (_files is null) return;
        writer.Write(_files.Count);
        foreach (var (file, counts) in _files)
        {
            writer.Write(file);
            writer.Write(counts.FirstIndex);
            writer.Write(counts.Samples);
            writer.Write(counts.ErrorSamples);
            writer.Write(counts.WarningSamples);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote into this empty tally, the first samples' indices moved by <paramref name="offset"/>.</summary>
    internal void Read(Sharding.ShardStateReader reader, long offset)
    {
        if (reader.ReadBoolean())
        {
            Overflow();
            return;
        }
        var files = reader.ReadCount(36);
        if (files > MaxFiles) throw reader.Damaged($"{files} files, more than {MaxFiles}");
        for (var i = 0; i < files; i++)
        {
            var file = reader.ReadBytes();
            var counts = new Counts { FirstIndex = reader.ReadInt64() + offset, Samples = reader.ReadInt64(), ErrorSamples = reader.ReadInt64(), WarningSamples = reader.ReadInt64() };
            if (!_files!.TryAdd(file, counts)) throw reader.Damaged("a file listed twice");
        }
    }

    /// <summary>The <see cref="MaxListed"/> files with the most samples with findings (ties: the first in storage
    /// order), in storage order of their first sample.</summary>
    public IReadOnlyList<FileFindings> Listed() => _files is null ? [] :
    [
        .. _files.OrderByDescending(f => f.Value.ErrorSamples + f.Value.WarningSamples).ThenBy(f => f.Value.FirstIndex)
            .Take(MaxListed).OrderBy(f => f.Value.FirstIndex)
            .Select(f => new FileFindings(f.Key.Length == 0 ? "." : SampleKey.ToDisplay(f.Key), f.Value.Samples, f.Value.ErrorSamples, f.Value.WarningSamples)),
    ];

    /// <summary>The part of a sample key that names its file (empty: the top folder of an image folder).</summary>
    public static ReadOnlySpan<byte> FileOf(ReadOnlySpan<byte> key, SampleFileNaming naming)
    {
        switch (naming)
        {
            case SampleFileNaming.FileHashRow:
                var hash = key.LastIndexOf((byte)'#');
                return hash < 0 ? key : key[..hash];
            case SampleFileNaming.FolderOfPath:
                var slash = key.LastIndexOf((byte)'/');
                return slash < 0 ? [] : key[..slash];
            default:
                return [];
        }
    }

    private void Overflow()
    {
        _files = null;
        (_currentFile, _current) = (null, null);
    }

    /// <summary>A file's counts (a class, so the current file's are counted without a lookup).</summary>
    private sealed class Counts
    {
        public long FirstIndex;
        public long Samples;
        public long ErrorSamples;
        public long WarningSamples;
    }

    /// <summary>File names as key bytes, looked up by span without copying them.</summary>
    private sealed class FileKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly FileKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
