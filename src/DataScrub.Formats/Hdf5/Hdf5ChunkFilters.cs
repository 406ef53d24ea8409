using DataScrub.Formats.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// Undoes a chunk's filter pipeline, last filter first, skipping the filters whose bit is set in the
/// chunk's filter mask (bit j for filter j: HDF5 stored the chunk without it; optional filters such as
/// lzf are skipped when they do not make a chunk smaller). Decodes deflate (zlib), shuffle and
/// fletcher32 (the checksum is verified); a chunk that needs any other filter is
/// <see cref="Hdf5UnsupportedFilterException"/>.
/// </summary>
internal static class Hdf5ChunkFilters
{
    /// <summary>The first filter of <paramref name="pipeline"/> a chunk with <paramref name="mask"/> needs
    /// and DataScrub cannot decode, or null.</summary>
    public static Hdf5Filter? Unsupported(IReadOnlyList<Hdf5Filter> pipeline, uint mask)
    {
        for (var j = 0; j < pipeline.Count; j++)
            if (!pipeline[j].IsSupported && (mask >> j & 1) == 0) return pipeline[j];
        return null;
    }

    /// <summary>Decodes <paramref name="stored"/> into exactly <paramref name="decoded"/>.Length bytes.</summary>
    /// <exception cref="InvalidDataException">The data is damaged (inflate fails, wrong size, checksum mismatch).</exception>
    public static void Decode(IReadOnlyList<Hdf5Filter> pipeline, uint mask, int elementSize, ReadOnlySpan<byte> stored, Span<byte> decoded)
    {
        // Two buffers, each filter reading one and writing the other; room for a chunk and the
        // checksums fletcher32 appends before the later filters ran.
        var capacity = Math.Max(stored.Length, decoded.Length + 4 * pipeline.Count(f => f.Id == Hdf5Filter.Fletcher32)) + 1;
        var current = LargeArrayPool.Rent(capacity);
        var other = LargeArrayPool.Rent(capacity);
        try
        {
            stored.CopyTo(current);
            var length = stored.Length;
            for (var j = pipeline.Count - 1; j >= 0; j--)
            {
                if ((mask >> j & 1) != 0) continue;
                var filter = pipeline[j];
                switch (filter.Id)
                {
                    case Hdf5Filter.Deflate:
                        length = Inflate(current.AsSpan(0, length), other, capacity);
                        (current, other) = (other, current);
                        break;
                    case Hdf5Filter.Shuffle:
                        var size = filter.Parameters.Length > 0 ? (int)filter.Parameters[0] : elementSize;
                        Unshuffle(current.AsSpan(0, length), other.AsSpan(0, length), size);
                        (current, other) = (other, current);
                        break;
                    case Hdf5Filter.Fletcher32:
                        length = VerifyFletcher32(current.AsSpan(0, length));
                        break;
                    default:
                        throw new Hdf5UnsupportedFilterException(filter);
                }
            }
            if (length != decoded.Length)
                throw new InvalidDataException($"the chunk decodes to {length} bytes, not the {decoded.Length} of a chunk");
            current.AsSpan(0, length).CopyTo(decoded);
        }
        finally
        {
            LargeArrayPool.Return(current);
            LargeArrayPool.Return(other);
        }
    }

    /// <summary>Inflates into at most <paramref name="capacity"/> bytes; more output than that (a chunk
    /// inflating past a chunk and its checksums) reads as capacity, which the size check then refuses.</summary>
    private static int Inflate(ReadOnlySpan<byte> source, byte[] destination, int capacity)
    {
        unsafe
        {
            fixed (byte* pointer = source)
            {
                using var input = new UnmanagedMemoryStream(pointer, source.Length);
                using var zlib = new ZLibStream(input, CompressionMode.Decompress);
                var total = 0;
                try
                {
                    while (total < capacity)
                    {
                        var read = zlib.Read(destination, total, capacity - total);
                        if (read == 0) break;
                        total += read;
                    }
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"inflate failed ({e.Message})", e);
                }
                return total;
            }
        }
    }

    /// <summary>HDF5's shuffle stored byte k of every element together (all first bytes, then all second
    /// bytes, ...); bytes past the last whole element are left as they are.</summary>
    private static void Unshuffle(ReadOnlySpan<byte> source, Span<byte> destination, int size)
    {
        if (size <= 1)
        {
            source.CopyTo(destination);
            return;
        }
        var count = source.Length / size;
        for (var b = 0; b < size; b++)
        {
            var plane = source.Slice(b * count, count);
            for (var i = 0; i < count; i++) destination[i * size + b] = plane[i];
        }
        source[(count * size)..].CopyTo(destination[(count * size)..]);
    }

    /// <summary>Checks the trailing 4-byte Fletcher-32 checksum (H5Zfletcher32.c, H5checksum.c: sums of
    /// big-endian 16-bit words; the byte-swapped form HDF5 1.6.0-1.6.1 wrote is accepted too, as HDF5
    /// accepts it); returns the length without it.</summary>
    private static int VerifyFletcher32(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4) throw new InvalidDataException("a fletcher32 chunk shorter than its checksum");
        var body = data[..^4];
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]);
        uint sum1 = 0, sum2 = 0;
        var words = body.Length / 2;
        var at = 0;
        while (words > 0)
        {
            var block = Math.Min(words, 360);
            words -= block;
            for (var i = 0; i < block; i++, at += 2)
            {
                sum1 += (uint)(body[at] << 8 | body[at + 1]);
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }
        if (body.Length % 2 != 0)
        {
            sum1 += (uint)(body[at] << 8);
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        }
        sum1 = (sum1 & 0xffff) + (sum1 >> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >> 16);
        var computed = sum2 << 16 | sum1;
        var reversed = (computed >> 8 & 0xff) << 24 | (computed & 0xff) << 16 | (computed >> 24 & 0xff) << 8 | (computed >> 16 & 0xff);
        if (stored != computed && stored != reversed)
            throw new InvalidDataException($"fletcher32 checksum mismatch (stored {stored:x8}, computed {computed:x8})");
        return body.Length;
    }
}

/// <summary>A chunk needs a filter DataScrub cannot decode.</summary>
internal sealed class Hdf5UnsupportedFilterException(Hdf5Filter filter)
    : Exception($"{filter.Describe()} is not a filter DataScrub decodes (deflate, shuffle and fletcher32 are)")
{
    public Hdf5Filter Filter => filter;
}
