using DataScrub.Samples;

namespace DataScrub.Images.Structure;

/// <summary>
/// Walks a JPEG's markers: segments with lengths, the entropy-coded data after each SOS up to the next
/// marker, and EOI. ImageSharp 2.1.13 decodes JPEGs cut in the entropy-coded data or missing EOI without
/// complaint (grey fill), so this walk is what finds them.
/// </summary>
public static class JpegStructure
{
    public static ImageStructure Walk(ReadOnlySpan<byte> data)
    {
        int? width = null, height = null, channels = null;
        var p = 2; // after SOI
        while (true)
        {
            // A marker: one or more 0xFF, then the code.
            if (p >= data.Length) return Cut(p, "the file ends before the EOI marker", width, height, channels);
            if (data[p] != 0xFF)
            {
                // libjpeg skips bytes before a marker with only a warning ("extraneous bytes before marker")
                // and PIL loads such files: resynchronise the same way and let the decoder judge.
                var next = data[p..].IndexOf((byte)0xFF);
                if (next < 0) return Cut(data.Length, "the file ends before the EOI marker", width, height, channels);
                p += next;
            }
            while (p < data.Length && data[p] == 0xFF) p++;
            if (p >= data.Length) return Cut(p, "the file ends inside a marker", width, height, channels);
            var code = data[p++];
            if (code == 0xD9)
            {
                var trailing = data[p..];
                // Zero padding after EOI is common and harmless; anything else is reported.
                var meaningful = trailing.IndexOfAnyExcept((byte)0) < 0 ? 0 : trailing.Length;
                return new ImageStructure { Container = ImageContainer.Jpeg, Width = width, Height = height, Channels = channels, TrailingBytes = meaningful, Offset = p };
            }
            if (code is >= 0xD0 and <= 0xD7 || code == 0x01) continue; // RSTn, TEM: no length
            if (code == 0xD8) return Bad(p - 2, "a second SOI marker", width, height, channels);
            if (p + 2 > data.Length) return Cut(p, $"the file ends inside the length of marker 0x{code:x2}", width, height, channels);
            var length = data[p] << 8 | data[p + 1];
            if (length < 2 && code is (>= 0xE0 and <= 0xEF) or 0xFE)
            {
                // libjpeg skips an APPn or COM segment of length 0 or 1 as empty (skip_variable: nothing left to skip)
                // and reads the next marker after the two length bytes; PIL loads such files.
                p += 2;
                continue;
            }
            if (length < 2) return Bad(p, $"marker 0x{code:x2} has an impossible length {length}", width, height, channels);
            if (p + length > data.Length) return Cut(p, $"the file ends inside segment 0x{code:x2} ({length} bytes at offset {p})", width, height, channels);
            var segment = data.Slice(p + 2, length - 2);
            if (code is >= 0xC0 and <= 0xCF && code is not (0xC4 or 0xC8 or 0xCC))
            {
                if (segment.Length < 6) return Bad(p, "a frame header shorter than 6 bytes", width, height, channels);
                height = segment[1] << 8 | segment[2];
                width = segment[3] << 8 | segment[4];
                channels = segment[5];
            }
            p += length;
            if (code != 0xDA) continue;

            // Entropy-coded data: up to the next marker that is not a stuffed 0x00 or a restart marker.
            while (true)
            {
                var next = data[p..].IndexOf((byte)0xFF);
                if (next < 0) return Cut(data.Length, "the file ends inside the entropy-coded image data (no EOI)", width, height, channels);
                p += next;
                if (p + 1 >= data.Length) return Cut(p, "the file ends inside the entropy-coded image data (no EOI)", width, height, channels);
                var after = data[p + 1];
                if (after == 0x00 || after is >= 0xD0 and <= 0xD7 || after == 0xFF)
                {
                    p += after == 0xFF ? 1 : 2;
                    continue;
                }
                break;
            }
        }
    }

    private static ImageStructure Cut(long offset, string message, int? width, int? height, int? channels) =>
        new() { Container = ImageContainer.Jpeg, Width = width, Height = height, Channels = channels, Truncated = message, Offset = offset };

    private static ImageStructure Bad(long offset, string message, int? width, int? height, int? channels) =>
        new() { Container = ImageContainer.Jpeg, Width = width, Height = height, Channels = channels, Corrupt = $"{message} at offset {offset}", Offset = offset };
}
