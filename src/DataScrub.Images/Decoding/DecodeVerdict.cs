namespace DataScrub.Images.Decoding;

/// <summary>How a full decode of one image ended.</summary>
public enum DecodeVerdict
{
    /// <summary>Every pixel of the first page (frame) decoded.</summary>
    Decoded,

    /// <summary>The decoder fails on the content: the training loader would fail on it too (<c>corrupt-image</c>).</summary>
    Corrupt,

    /// <summary>The data ends before the pixels do (<c>truncated-image</c>).</summary>
    Truncated,

    /// <summary>A valid feature the available decoder does not handle (a TIFF compression it was built without,
    /// an ImageSharp limitation): not damage, so never dropped by <c>--drop-bad</c> (<c>unsupported-image</c>).</summary>
    Unsupported,

    /// <summary>The declared width x height exceeds the pixel limit; nothing was decoded (<c>image-too-large</c>).</summary>
    TooLarge,

    /// <summary>The decode did not finish within <c>--sample-timeout</c> (<c>decode-timeout</c>).</summary>
    TimedOut,
}
