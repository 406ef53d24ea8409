using System.Text;
using DataScrub.Findings;

namespace DataScrub.Sharding;

/// <summary>Reads what <see cref="ShardStateWriter"/> wrote; a file that ends early or holds an unknown finding kind is
/// a <see cref="ShardStateException"/> naming the file and the offset.</summary>
public sealed class ShardStateReader(Stream stream, string path) : IDisposable
{
    private readonly BinaryReader _reader = new(stream, Encoding.UTF8, leaveOpen: true);

    /// <summary>The state file, for messages.</summary>
    public string Path { get; } = path;

    public Stream Stream => stream;

    public bool ReadBoolean() => Guard(() => _reader.ReadBoolean());

    public byte ReadByte() => Guard(() => _reader.ReadByte());

    public int ReadInt32() => Guard(() => _reader.ReadInt32());

    public long ReadInt64() => Guard(() => _reader.ReadInt64());

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public UInt128 ReadUInt128()
    {
        var low = (ulong)ReadInt64();
        var high = (ulong)ReadInt64();
        return ((UInt128)high << 64) | low;
    }

    public long? ReadNullableInt64() => ReadBoolean() ? ReadInt64() : null;

    public int? ReadNullableInt32() => ReadBoolean() ? checked((int)ReadInt64()) : null;

    public double? ReadNullableDouble() => ReadBoolean() ? ReadDouble() : null;

    public string? ReadNullableString() => ReadBoolean() ? Guard(() => _reader.ReadString()) : null;

    public string ReadString() => ReadNullableString() ?? throw Damaged("a string is missing");

    /// <summary>A count of items that follow, each at least <paramref name="minimumBytes"/> long: a damaged count is
    /// refused before anything is allocated for it.</summary>
    public int ReadCount(int minimumBytes = 1)
    {
        var count = ReadInt32();
        if (count < 0 || (stream.CanSeek && (long)count * minimumBytes > stream.Length - stream.Position))
            throw Damaged($"a count of {count} items does not fit in the file");
        return count;
    }

    public byte[] ReadBytes()
    {
        var length = ReadCount();
        var bytes = Guard(() => _reader.ReadBytes(length));
        if (bytes.Length != length) throw Damaged("it ends inside a byte string");
        return bytes;
    }

    /// <summary>A finding, its sample index moved by <paramref name="offset"/> (the samples of the shards before).</summary>
    public Finding ReadFinding(long offset)
    {
        var kindName = ReadString();
        var kind = FindingKinds.All.FirstOrDefault(k => k.Name == kindName) ?? throw Damaged($"unknown finding kind '{kindName}'");
        var sampleIndex = ReadNullableInt64();
        var sample = ReadNullableString();
        var field = ReadNullableString();
        var count = ReadNullableInt64();
        var index = ReadNullableInt64();
        var message = ReadString();
        var severity = (Severity)ReadByte();
        return new Finding(kind, sampleIndex + offset, sample, field, count, index, message)
        {
            Severity = severity,
            File = ReadNullableString(),
            Offset = ReadNullableInt64(),
            Line = ReadNullableInt32(),
            FirstRow = ReadNullableInt64(),
            RowCount = ReadNullableInt64(),
            Class = ReadNullableInt64(),
            Channel = ReadNullableInt32(),
            Of = ReadNullableString(),
            BatchSize = ReadNullableInt32(),
            Fraction = ReadNullableDouble(),
            Probability = ReadNullableDouble(),
        };
    }

    public ShardStateException Damaged(string what) =>
        new(Path, $"{what} at byte {(stream.CanSeek ? stream.Position : -1)}; it is damaged or was not written by this version");

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (EndOfStreamException)
        {
            throw Damaged("it ends early");
        }
        catch (FormatException e)
        {
            throw Damaged(e.Message);
        }
    }

    public void Dispose() => _reader.Dispose();
}
