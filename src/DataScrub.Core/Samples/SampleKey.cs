using System.Text;

namespace DataScrub.Samples;

/// <summary>How a sample is named in reports: a store key as UTF-8 text, or <c>hex:</c> plus lowercase
/// hex when the key bytes are not valid UTF-8 (so that every key round-trips through the report).</summary>
public static class SampleKey
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public const string HexPrefix = "hex:";

    public static string ToDisplay(ReadOnlySpan<byte> key)
    {
        // The common case, printable ASCII keys (Caffe's "%08d_path"): no decoder, no exception machinery.
        if (key.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7e) < 0 && !key.StartsWith("hex:"u8))
            return Encoding.ASCII.GetString(key);
        try
        {
            var text = StrictUtf8.GetString(key);
            // A key that happens to start with "hex:" would be ambiguous: show it in hex too.
            if (!text.StartsWith(HexPrefix, StringComparison.Ordinal) && !text.Contains('\0'))
                return text;
        }
        catch (DecoderFallbackException)
        {
        }
        return HexPrefix + Convert.ToHexStringLower(key);
    }

    /// <summary>The inverse of <see cref="ToDisplay"/>.</summary>
    public static byte[] FromDisplay(string display) =>
        display.StartsWith(HexPrefix, StringComparison.Ordinal)
            ? Convert.FromHexString(display.AsSpan(HexPrefix.Length))
            : Encoding.UTF8.GetBytes(display);
}
