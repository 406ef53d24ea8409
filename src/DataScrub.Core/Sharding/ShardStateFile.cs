using System.Buffers.Binary;
using System.IO.Hashing;
using DataScrub.Samples;

namespace DataScrub.Sharding;

/// <summary>
/// A shard's state file (<c>scan --shard I/N --json FILE</c> writes it as <c>FILE.state</c>): which shard of how many,
/// the scan's settings (opaque to Core: the command line's words), and per dataset its description and
/// <see cref="ShardResult"/>. Little-endian binary, versioned by its first line, and ended by an XxHash64 of all
/// that comes before it: a damaged or half-copied state file is refused as such, where a changed byte could otherwise
/// read as other valid state (a dataset flag flipped to "unreadable", a count one higher).
/// </summary>
public static class ShardStateFile
{
    /// <summary>The file's first bytes: its format and version.</summary>
    public const string Magic = "datascrub-shard/1\n";

    /// <summary>One dataset of a shard's scan: scanned (with its result) or unreadable (with the reason).</summary>
    public sealed record Dataset(string Path, DatasetInfo? Info, ShardResult? Result, string? Error);

    /// <summary>The header a merge compares across shards.</summary>
    /// <param name="Settings">What the scan judged with, as the command line words it (the merge rebuilds the options
    /// from them), then any other settings the caller keeps.</param>
    public sealed record Header(string Version, ShardSpec Shard, IReadOnlyList<string> Settings);

    /// <summary>The checksum's length, at the end of the file.</summary>
    internal const int ChecksumLength = sizeof(ulong);

    /// <param name="stream">Empty, readable and seekable: the checksum is computed over what was written.</param>
    public static void Write(Stream stream, Header header, IReadOnlyList<Dataset> datasets)
    {
        if (!stream.CanRead || !stream.CanSeek || stream.Length != 0)
            throw new ArgumentException("a shard state file is written to an empty, readable and seekable stream", nameof(stream));
        using var writer = new ShardStateWriter(stream);
        writer.Flush();
        stream.Write(System.Text.Encoding.ASCII.GetBytes(Magic));
        writer.Write(header.Version);
        writer.Write(header.Shard.Index);
        writer.Write(header.Shard.Count);
        writer.Write(header.Settings.Count);
        foreach (var word in header.Settings) writer.Write(word);
        writer.Write(datasets.Count);
        foreach (var dataset in datasets)
        {
            writer.Write(dataset.Path);
            writer.Write(dataset.Error);
            if (dataset.Error is not null) continue;
            WriteInfo(writer, dataset.Info!);
            // The result's length first, so that a merge can step over a dataset another shard could not read.
            writer.Flush();
            var lengthAt = stream.Position;
            writer.Write(0L);
            dataset.Result!.Write(writer);
            writer.Flush();
            var end = stream.Position;
            stream.Position = lengthAt;
            writer.Write(end - lengthAt - sizeof(long));
            writer.Flush();
            stream.Position = end;
        }
        writer.Flush();
        AppendChecksum(stream);
    }

    /// <summary>A dataset's description: what the merge and a resumed scan compare, and the analyses are made from.</summary>
    internal static void WriteInfo(ShardStateWriter writer, DatasetInfo info)
    {
        writer.Write(info.Format);
        writer.Write(info.ExpectedSamples);
        writer.Write(info.Units);
        writer.Write((int)info.SampleFiles);
        writer.Write(info.MayHoldImages);
        writer.Write(info.ClassNames is not null);
        if (info.ClassNames is not null)
        {
            writer.Write(info.ClassNames.Count);
            foreach (var (name, label) in info.ClassNames)
            {
                writer.Write(name);
                writer.Write(label);
            }
        }
    }

    /// <summary>What <see cref="WriteInfo"/> wrote.</summary>
    internal static DatasetInfo ReadInfo(ShardStateReader reader, string path)
    {
        var format = reader.ReadString();
        var expected = reader.ReadNullableInt64();
        var units = reader.ReadInt64();
        var files = (SampleFileNaming)reader.ReadInt32();
        if (!Enum.IsDefined(files)) throw reader.Damaged($"unknown file naming {(int)files}");
        var images = reader.ReadBoolean();
        Dictionary<string, long>? classes = null;
        if (reader.ReadBoolean())
        {
            classes = [];
            var count = reader.ReadCount(9);
            for (var i = 0; i < count; i++) classes[reader.ReadString()] = reader.ReadInt64();
        }
        return new DatasetInfo(path, format, expected, classes) { Units = units, SampleFiles = files, MayHoldImages = images };
    }

    internal static void AppendChecksum(Stream stream)
    {
        stream.Position = 0;
        var hash = new XxHash64();
        hash.Append(stream);
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, hash.GetCurrentHashAsUInt64());
        stream.Write(checksum);
    }

    /// <summary>Refuses a file whose checksum does not match (damaged, or copied while a shard still wrote it); the
    /// stream is left where it was.</summary>
    internal static void VerifyChecksum(ShardStateReader reader)
    {
        var stream = reader.Stream;
        var at = stream.Position;
        if (stream.Length < Magic.Length + ChecksumLength) throw new ShardStateException(reader.Path, "it ends early: it is damaged or was copied before the shard finished");
        stream.Position = 0;
        var hash = new XxHash64();
        var buffer = new byte[1 << 16];
        for (var left = stream.Length - ChecksumLength; left > 0;)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) break;
            hash.Append(buffer.AsSpan(0, read));
            left -= read;
        }
        Span<byte> stored = stackalloc byte[ChecksumLength];
        stream.ReadExactly(stored);
        stream.Position = at;
        if (BinaryPrimitives.ReadUInt64LittleEndian(stored) != hash.GetCurrentHashAsUInt64())
            throw new ShardStateException(reader.Path, "its checksum does not match its contents: it is damaged or was copied before the shard finished");
    }

    /// <summary>Checks the magic and the checksum and reads the header; the reader is then at the datasets (<see cref="ReadDatasetCount"/>).</summary>
    public static Header ReadHeader(ShardStateReader reader)
    {
        var magic = new byte[Magic.Length];
        if (reader.Stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length
            || System.Text.Encoding.ASCII.GetString(magic) != Magic)
            throw new ShardStateException(reader.Path, $"not a DataScrub shard state file (it does not start with '{Magic.TrimEnd()}')");
        VerifyChecksum(reader);
        var version = reader.ReadString();
        var index = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (count < 1 || count > ShardSpec.MaxCount || index < 0 || index >= count) throw reader.Damaged($"shard {index} of {count}");
        var words = new string[reader.ReadCount()];
        for (var i = 0; i < words.Length; i++) words[i] = reader.ReadString();
        return new Header(version, new ShardSpec(index, count), words);
    }

    public static int ReadDatasetCount(ShardStateReader reader) => reader.ReadCount();

    /// <summary>The next dataset's description; for a scanned one, the reader is then at its result (<see cref="ShardMerge"/> reads it).</summary>
    /// <returns>Also where the dataset's result ends (to step over it), or -1 without a result.</returns>
    public static (string Path, DatasetInfo? Info, string? Error, long ResultEnd) ReadDataset(ShardStateReader reader)
    {
        var path = reader.ReadString();
        var error = reader.ReadNullableString();
        if (error is not null) return (path, null, error, -1);
        var info = ReadInfo(reader, path);
        var length = reader.ReadInt64();
        var stream = reader.Stream;
        if (length < 0 || length > stream.Length - stream.Position) throw reader.Damaged($"a dataset result of {length} bytes does not fit in the file");
        return (path, info, null, stream.Position + length);
    }
}
