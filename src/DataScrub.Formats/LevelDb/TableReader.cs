using System.Runtime.CompilerServices;
using DataScrub.Formats.Buffers;
using DataScrub.Findings;
using DataScrub.Samples;
using Microsoft.Win32.SafeHandles;
using Snappier;

namespace DataScrub.Formats.LevelDb;

/// <summary>
/// Streams the entries of one table (<c>.ldb</c>/<c>.sst</c>) in order: footer → index block → each data
/// block, every block's masked CRC-32C verified, Snappy blocks decompressed. A damaged block becomes a
/// <c>corrupt-store</c> finding with the file and offset and the walk continues with the next block; a
/// damaged footer or index loses the table (one finding). Each block gets a fresh buffer, so values
/// handed out stay valid while the pipeline holds them.
/// </summary>
internal sealed class TableReader : IInternalIterator
{
    private const byte NoCompression = 0;
    private const byte SnappyCompression = 1;
    private const byte ZstdCompression = 2;

    /// <summary>LevelDB blocks are kilobytes; a block claiming more than this is garbage, not data.</summary>
    private const int MaxBlockSize = 64 << 20;

    private readonly SafeFileHandle _file;
    private readonly string _name;
    private readonly long _length;
    private readonly List<Finding> _findings;
    private readonly StrongBox<long>? _bytesRead;
    private readonly BlockIterator _index;
    private readonly PooledBuffer _indexBlock;
    private BlockIterator? _data;
    private PooledBuffer? _dataBlock;
    private long _dataOffset;
    private byte[] _previousKey = [];
    private int _previousKeyLength = -1;
    private ulong _previousTrailer;

    private TableReader(SafeFileHandle file, string name, long length, BlockIterator index, PooledBuffer indexBlock, List<Finding> findings,
        StrongBox<long>? bytesRead)
    {
        _bytesRead = bytesRead;
        _indexBlock = indexBlock;
        _file = file;
        _name = name;
        _length = length;
        _index = index;
        _findings = findings;
    }

    /// <summary>The current user key (kept in the order-check buffer, which holds exactly it).</summary>
    public ReadOnlySpan<byte> UserKey => _previousKey.AsSpan(0, _previousKeyLength);

    public ulong Trailer { get; private set; }

    public RecordBytes Value { get; private set; }

    public PooledBuffer? ValueBlock => _dataBlock;

    /// <summary>Opens a table; null (with a finding) when its footer or index is unreadable.</summary>
    /// <param name="bytesRead">Counts the bytes of footer and blocks read from the file, when given.</param>
    public static TableReader? Open(string path, string name, List<Finding> findings, StrongBox<long>? bytesRead = null)
    {
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, null, $"table {name} cannot be opened: {e.Message}; its records are lost"));
            return null;
        }
        var length = RandomAccess.GetLength(file);
        if (length < TableFooter.Size)
        {
            findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, 0, $"table {name} is truncated ({length} bytes, shorter than its footer); its records are lost"));
            file.Dispose();
            return null;
        }
        var footerBytes = new byte[TableFooter.Size];
        RandomAccess.Read(file, footerBytes, length - TableFooter.Size);
        if (bytesRead is not null) bytesRead.Value += TableFooter.Size;
        if (!TableFooter.TryDecode(footerBytes, out var footer, out var footerError))
        {
            findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, length - TableFooter.Size,
                $"table {name}: {footerError} (truncated or not a table); its records are lost"));
            file.Dispose();
            return null;
        }
        var indexBlock = ReadBlock(file, name, length, findings, footer.Index, "index block", bytesRead);
        var index = indexBlock is null ? null : BlockIterator.Create(indexBlock.Bytes, indexBlock.Length, out _);
        if (index is null)
        {
            if (indexBlock is not null)
                findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, (long)footer.Index.Offset, $"table {name}: garbled index block; its records are lost"));
            indexBlock?.Release();
            file.Dispose();
            return null;
        }
        return new TableReader(file, name, length, index, indexBlock!, findings, bytesRead);
    }

    /// <summary>
    /// The user keys of the index block's entries, one per data block: each is at least the block's last key and
    /// below the next block's first (LevelDB shortens it to a separator), so they cut the table's key range into
    /// blocks. Empty when the table cannot be opened; whatever was found wrong is left to the scan to report.
    /// </summary>
    public static List<byte[]> ReadIndexUserKeys(string path, string name, StrongBox<long>? bytesRead)
    {
        var keys = new List<byte[]>();
        using var table = Open(path, name, findings: [], bytesRead);
        if (table is null) return keys;
        var index = BlockIterator.Create(table._indexBlock.Bytes, table._indexBlock.Length, out _);
        while (index is not null && index.MoveNext(out _) && index.Key.Length >= InternalKey.TrailerSize)
            keys.Add(InternalKey.UserKey(index.Key).ToArray());
        return keys;
    }

    /// <summary>
    /// Before the first <see cref="MoveNext"/>: skips the data blocks whose index key is below <paramref name="userKey"/>
    /// (every key in them is), except the last of them, which is read so that the key-order check meets the first
    /// block of the range exactly as a read of the whole table does.
    /// </summary>
    public void SkipBlocksBelow(ReadOnlySpan<byte> userKey)
    {
        var scan = BlockIterator.Create(_indexBlock.Bytes, _indexBlock.Length, out _)!;
        var below = 0;
        while (scan.MoveNext(out _) && scan.Key.Length >= InternalKey.TrailerSize
               && InternalKey.UserKey(scan.Key).SequenceCompareTo(userKey) < 0)
            below++;
        for (var i = 0; i < below - 1; i++) _index.MoveNext(out _);
    }

    public bool MoveNext()
    {
        while (true)
        {
            if (_data is not null)
            {
                if (_data.MoveNext(out var error))
                {
                    var key = _data.Key;
                    if (key.Length < InternalKey.TrailerSize)
                    {
                        Damaged(_dataOffset, $"entry at block offset {_data.EntryOffset} has a {key.Length}-byte key, shorter than an internal key");
                        _data = null;
                        ReleaseDataBlock();
                        continue;
                    }
                    var userKey = InternalKey.UserKey(key);
                    var trailer = InternalKey.Trailer(key);
                    if (_previousKeyLength >= 0 && InternalKey.Compare(_previousKey.AsSpan(0, _previousKeyLength), _previousTrailer, userKey, trailer) >= 0)
                    {
                        Damaged(_dataOffset, $"keys out of order at block offset {_data.EntryOffset}");
                        _data = null;
                        ReleaseDataBlock();
                        continue;
                    }
                    Remember(userKey, trailer);
                    Trailer = trailer;
                    Value = new RecordBytes(_data.Block, _data.ValueOffset, _data.ValueLength);
                    return true;
                }
                if (error is not null) Damaged(_dataOffset, error);
                _data = null;
            }
            ReleaseDataBlock();
            if (!_index.MoveNext(out var indexError))
            {
                if (indexError is not null) Damaged(-1, $"index block: {indexError}; the rest of the table is lost");
                return false;
            }
            var p = 0;
            if (!BlockHandle.TryDecode(_index.Value, ref p, out var handle))
            {
                Damaged(-1, $"index entry at offset {_index.EntryOffset} holds a garbled block handle; that block is lost");
                continue;
            }
            _dataOffset = (long)handle.Offset;
            _dataBlock = ReadBlock(_file, _name, _length, _findings, handle, "data block", _bytesRead);
            if (_dataBlock is null) continue;
            _data = BlockIterator.Create(_dataBlock.Bytes, _dataBlock.Length, out var blockError);
            if (_data is null) Damaged(_dataOffset, blockError!);
        }
    }

    private void Remember(ReadOnlySpan<byte> userKey, ulong trailer)
    {
        if (_previousKey.Length < userKey.Length) _previousKey = new byte[Math.Max(userKey.Length, 64)];
        userKey.CopyTo(_previousKey);
        _previousKeyLength = userKey.Length;
        _previousTrailer = trailer;
    }

    /// <summary>Reads, verifies and decompresses one block; null (with a finding) when that fails.</summary>
    private static PooledBuffer? ReadBlock(SafeFileHandle file, string name, long length, List<Finding> findings, BlockHandle handle, string what,
        StrongBox<long>? bytesRead)
    {
        void Damaged(long at, string message) => findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, name, at, $"table {name}: {message}"));

        var offset = (long)handle.Offset;
        if (handle.Offset > (ulong)length || handle.Size + BlockHandle.TrailerSize > (ulong)(length - offset) || handle.Size > int.MaxValue - BlockHandle.TrailerSize)
        {
            Damaged(offset, $"{what} of {handle.Size} bytes at offset {handle.Offset} runs past the end of the {length}-byte file (truncated table)");
            return null;
        }
        var size = (int)handle.Size;
        var block = PooledBuffer.Rent(size + BlockHandle.TrailerSize);
        var raw = block.Bytes;
        if (bytesRead is not null) bytesRead.Value += size + BlockHandle.TrailerSize;
        if (RandomAccess.Read(file, raw.AsSpan(0, size + BlockHandle.TrailerSize), offset) != size + BlockHandle.TrailerSize)
        {
            block.Release();
            Damaged(offset, $"{what} at offset {offset} cannot be read completely");
            return null;
        }
        var type = raw[size];
        var stored = LevelDbCrc32C.Unmask(BitConverter.ToUInt32(raw, size + 1));
        var actual = LevelDbCrc32C.Finish(LevelDbCrc32C.Append(LevelDbCrc32C.Append(LevelDbCrc32C.Start, raw.AsSpan(0, size)), type));
        if (stored != actual)
        {
            block.Release();
            Damaged(offset, $"{what} at offset {offset} ({size} bytes): checksum mismatch (stored 0x{stored:x8}, computed 0x{actual:x8})");
            return null;
        }
        switch (type)
        {
            case NoCompression:
                block.Length = size; // the trailer stays behind the contents
                return block;
            case SnappyCompression:
                PooledBuffer? decompressed = null;
                try
                {
                    var uncompressed = Snappy.GetUncompressedLength(raw.AsSpan(0, size));
                    if (uncompressed > MaxBlockSize)
                        throw new InvalidDataException($"it claims {uncompressed} bytes uncompressed");
                    decompressed = PooledBuffer.Rent(uncompressed);
                    if (Snappy.Decompress(raw.AsSpan(0, size), decompressed.Bytes.AsSpan(0, uncompressed)) != uncompressed)
                        throw new InvalidDataException($"it decompresses to fewer than the {uncompressed} bytes it claims");
                    return decompressed;
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentException)
                {
                    decompressed?.Release();
                    Damaged(offset, $"{what} at offset {offset}: Snappy data does not decompress ({e.Message})");
                    return null;
                }
                finally
                {
                    block.Release();
                }
            case ZstdCompression:
                block.Release();
                findings.Add(Finding.AboutStore(FindingKinds.UnsupportedFilter, name, offset,
                    $"{what} at offset {offset} is zstd-compressed (LevelDB 1.24+); this build decodes only Snappy and uncompressed blocks, so its records are not scanned"));
                return null;
            default:
                block.Release();
                Damaged(offset, $"{what} at offset {offset}: unknown compression type {type}");
                return null;
        }
    }

    private void Damaged(long offset, string message) =>
        _findings.Add(Finding.AboutStore(FindingKinds.CorruptStore, _name, offset < 0 ? null : offset, $"table {_name}: {message}"));

    private void ReleaseDataBlock()
    {
        _dataBlock?.Release();
        _dataBlock = null;
    }

    public void Dispose()
    {
        ReleaseDataBlock();
        _indexBlock.Release();
        _file.Dispose();
    }
}
