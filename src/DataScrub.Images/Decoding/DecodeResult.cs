namespace DataScrub.Images.Decoding;

/// <summary>The outcome of one decode.</summary>
/// <param name="Verdict">How it ended.</param>
/// <param name="Message">Why, for any verdict but <see cref="DecodeVerdict.Decoded"/>: the decoder's own words where it
/// has them ("libpng: IDAT: incorrect data check").</param>
/// <param name="Width">The first page's width, when the header was read (0 otherwise).</param>
/// <param name="Height">The first page's height, when the header was read (0 otherwise).</param>
/// <param name="Channels">Colour channels a trainer sees: 1 grayscale (with or without alpha), 3 colour, 4 CMYK; 0 unknown.</param>
/// <param name="Pages">Pages (TIFF directories) or frames (GIF, animated WebP) in the file; only the first is decoded,
/// as Caffe's <c>cv::imread</c> and PIL's <c>load()</c> use only the first.</param>
/// <param name="MomentChannels">How many entries of <see cref="DecodeRequest.Moments"/> were filled (0: none).</param>
public readonly record struct DecodeResult(DecodeVerdict Verdict, string? Message, int Width, int Height, int Channels, int Pages = 1, int MomentChannels = 0)
{
    /// <summary>Damage in a page or frame after the first (a TIFF page whose strips run past the end, a directory that
    /// does not read): not a failure, since cv::imread and PIL's <c>load()</c> read only the first page, but said in the
    /// report with the page count.</summary>
    public string? LaterPagesProblem { get; init; }

    public static DecodeResult Decoded(int width, int height, int channels, int pages = 1, int momentChannels = 0) =>
        new(DecodeVerdict.Decoded, null, width, height, channels, pages, momentChannels);

    public static DecodeResult Failed(DecodeVerdict verdict, string message, int width = 0, int height = 0, int channels = 0, int pages = 1) =>
        new(verdict, message, width, height, channels, pages);
}
