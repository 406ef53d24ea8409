namespace DataScrub.Images.LibTiff;

/// <summary>What libtiff's error messages say about the file.</summary>
internal static class LibTiffErrorText
{
    /// <summary>
    /// True when libtiff refuses a valid feature rather than bad data. libtiff words its refusals "Sorry, ..."
    /// ("Sorry, requested compression method is not configured", "Sorry, can not handle images with 64-bit samples");
    /// a codec names a feature it lacks as "not supported"/"unsupported" (libjpeg: "Unsupported JPEG process").
    /// </summary>
    public static bool SaysUnsupported(string message) =>
        message.Contains("Sorry", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not configured", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not supported", StringComparison.OrdinalIgnoreCase)
        || message.Contains("unsupported", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not implemented", StringComparison.OrdinalIgnoreCase);
}
