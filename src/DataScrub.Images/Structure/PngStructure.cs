using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using DataScrub.Samples;

namespace DataScrub.Images.Structure;

/// <summary>
/// Walks a PNG's chunks: each must fit in the file and match its CRC-32; IEND must close the file.
/// ImageSharp 2.1.13 loads a PNG cut inside IDAT, or without IEND, silently. Without IEND the image is
/// still complete when its zlib stream inflates to every scanline (PIL loads such a file): that is a
/// missing end marker, not a truncation.
/// </summary>
public static class PngStructure
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageStructure Walk(ReadOnlySpan<byte> data)
    {
        int? width = null, height = null, channels = null;
        int bitDepth = 0, colorType = 0, interlace = 0;
        uint? animationFrames = null;
        var defaultImageAnimated = false;
        var idat = new List<(int Offset, int Length)>();
        var p = Signature.Length;
        while (true)
        {
            if (p == data.Length)
            {
                if (idat.Count > 0 && width is { } w && height is { } h && InflatesCompletely(data, idat, w, h, bitDepth, colorType, interlace))
                    return Result() with { MissingEndMarker = "the file ends without an IEND chunk (the pixel data is complete)", Offset = p };
                return Result() with { Truncated = idat.Count == 0 ? "the file ends before any image data (IDAT)" : "the file ends before the image data is complete (no IEND)", Offset = p };
            }
            if (p + 8 > data.Length) return Result() with { Truncated = $"the file ends inside a chunk header at offset {p}", Offset = p };
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[p..]);
            var type = data.Slice(p + 4, 4);
            var name = System.Text.Encoding.ASCII.GetString(type);
            // For messages: a damaged type's bytes may be NUL or control bytes, which would make the report binary.
            var shown = Printable(type);
            if (length > int.MaxValue) return Result() with { Corrupt = $"chunk '{shown}' at offset {p} claims {length} bytes", Offset = p };
            if ((long)p + 12 + length > data.Length)
                return Result() with { Truncated = $"chunk '{shown}' of {length} bytes at offset {p} runs past the end of the {data.Length}-byte file", Offset = p };
            var body = data.Slice(p + 8, (int)length);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(data[(p + 8 + (int)length)..]);
            var crc = new Crc32();
            crc.Append(type);
            crc.Append(body);
            // An ancillary chunk (lower-case first letter) after the image data with a bad CRC: libpng drops it with a
            // warning and PIL's load() never checks it, so the image loads. Before the image data PIL refuses the file
            // ("broken PNG file"), and a critical chunk's CRC libpng refuses everywhere.
            var ancillaryAfterPixels = idat.Count > 0 && name != "IDAT" && char.IsLower(name[0]);
            if (crc.GetCurrentHashAsUInt32() != stored && !ancillaryAfterPixels)
                return Result() with { Corrupt = $"CRC mismatch in chunk '{shown}' at offset {p}", Offset = p };
            if (p == Signature.Length)
            {
                if (name != "IHDR" || length < 13) return Result() with { Corrupt = "the first chunk is not a valid IHDR", Offset = p };
                width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body), int.MaxValue);
                height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[4..]), int.MaxValue);
                bitDepth = body[8];
                colorType = body[9];
                interlace = body[12];
                channels = colorType switch { 0 or 4 => 1, 6 => 4, _ => 3 };
            }
            if (name == "IDAT") idat.Add((p + 8, (int)length));
            // APNG: acTL gives the number of animation frames, and the default image (the IDAT) is one of them when an fcTL
            // comes before it, else one more frame (as PIL counts n_frames). Only the default image is decoded (libpng,
            // PIL's load()).
            if (name == "acTL" && length >= 8) animationFrames = BinaryPrimitives.ReadUInt32BigEndian(body);
            if (name == "fcTL" && idat.Count == 0) defaultImageAnimated = true;
            if (CompressedMetadata(name, body) is { } compressed && InflatesPast(compressed, MaxMetadataBytes))
                return Result() with
                {
                    Corrupt = $"chunk '{shown}' at offset {p} inflates past {MaxMetadataBytes >> 20} MiB (PIL's MAX_TEXT_CHUNK): a decompression bomb, which PIL refuses",
                    Offset = p,
                };
            if (name == "IEND")
                return Result() with { TrailingBytes = data.Length - (p + 12), Offset = p + 12 };
            p += 12 + (int)length;
        }

        ImageStructure Result() => new() { Container = ImageContainer.Png, Width = width, Height = height, Channels = channels,
            Pages = animationFrames is { } n ? (int)Math.Min(n + (defaultImageAnimated ? 0u : 1u), int.MaxValue) : null };
    }

    /// <summary>
    /// The most a compressed text or ICC profile chunk may inflate to: PIL's <c>PngImagePlugin.MAX_TEXT_CHUNK</c> (1 MiB).
    /// PIL refuses a file with a larger one ("Decompressed Data Too Large"); libpng drops such a chunk with a warning.
    /// </summary>
    public const int MaxMetadataBytes = 1 << 20;

    /// <summary>The zlib stream of a zTXt, compressed iTXt or iCCP chunk; null for other chunks.</summary>
    private static ReadOnlySpan<byte> CompressedMetadata(string name, ReadOnlySpan<byte> body)
    {
        var keywordEnd = body.IndexOf((byte)0);
        if (keywordEnd < 0) return null;
        switch (name)
        {
            case "zTXt" or "iCCP":
                // keyword NUL, compression method, data.
                return keywordEnd + 2 <= body.Length ? body[(keywordEnd + 2)..] : null;
            case "iTXt":
                // keyword NUL, compression flag, compression method, language NUL, translated keyword NUL, text.
                if (keywordEnd + 3 > body.Length || body[keywordEnd + 1] != 1) return null;
                var rest = body[(keywordEnd + 3)..];
                var language = rest.IndexOf((byte)0);
                if (language < 0) return null;
                rest = rest[(language + 1)..];
                var translated = rest.IndexOf((byte)0);
                return translated < 0 ? null : rest[(translated + 1)..];
            default:
                return null;
        }
    }

    /// <summary>True when the zlib stream inflates to more than <paramref name="limit"/> bytes (it stops there). A broken
    /// stream is not a bomb: PIL and libpng skip such a chunk.</summary>
    private static bool InflatesPast(ReadOnlySpan<byte> compressed, int limit)
    {
        if (compressed.IsEmpty) return false;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            long total = 0;
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                total += read;
                if (total > limit) return true;
            }
            return false;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True when the IDAT zlib stream inflates to exactly the bytes every scanline needs.</summary>
    private static bool InflatesCompletely(ReadOnlySpan<byte> data, List<(int Offset, int Length)> idat, int width, int height, int bitDepth, int colorType, int interlace)
    {
        var samples = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        if (samples == 0 || bitDepth == 0) return false;
        var expected = interlace == 1 ? InterlacedSize(width, height, samples * bitDepth) : RawSize(width, height, samples * bitDepth);
        if (expected > 1L << 32) return false;
        var compressed = new byte[idat.Sum(i => i.Length)];
        var at = 0;
        foreach (var (offset, length) in idat)
        {
            data.Slice(offset, length).CopyTo(compressed.AsSpan(at));
            at += length;
        }
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                total += read;
                if (total > expected) return false;
            }
            return total == expected;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static long RawSize(long width, long height, int bitsPerPixel) =>
        width == 0 || height == 0 ? 0 : height * (1 + (width * bitsPerPixel + 7) / 8);

    private static long InterlacedSize(long width, long height, int bitsPerPixel)
    {
        // Adam7: (x0, y0, dx, dy) per pass.
        ReadOnlySpan<int> passes = [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];
        long total = 0;
        for (var i = 0; i < passes.Length; i += 4)
        {
            var w = (width - passes[i] + passes[i + 2] - 1) / passes[i + 2];
            var h = (height - passes[i + 1] + passes[i + 3] - 1) / passes[i + 3];
            if (w > 0 && h > 0) total += RawSize(w, h, bitsPerPixel);
        }
        return total;
    }

    /// <summary>A chunk type as text: ASCII letters as they are (every valid type), any other byte as \xNN.</summary>
    private static string Printable(ReadOnlySpan<byte> type)
    {
        var text = new System.Text.StringBuilder(4);
        foreach (var b in type)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z') text.Append((char)b);
            else text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{b:x2}");
        }
        return text.ToString();
    }
}
