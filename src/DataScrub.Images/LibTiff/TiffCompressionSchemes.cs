namespace DataScrub.Images.LibTiff;

/// <summary>
/// Registered TIFF compression schemes that a libtiff may not know at all (<c>TIFFFindCODEC</c> returns nothing for
/// them: libtiff 4.5 predates JPEG XL, and it never had JPEG 2000). A file using one is valid but undecodable here, so
/// <c>Unsupported</c>; a number in no list is a damaged Compression tag, so <c>Corrupt</c>.
/// </summary>
internal static class TiffCompressionSchemes
{
    private static readonly Dictionary<ushort, string> Registered = new()
    {
        [32895] = "IT8CTPAD", [32896] = "IT8LW", [32897] = "IT8MP", [32898] = "IT8BL",
        [32908] = "PixarFilm", [32947] = "Kodak DCS", [34712] = "JPEG 2000", [34892] = "lossy JPEG (DNG)",
        [50002] = "JPEG XL", [52546] = "JPEG XL (DNG)",
    };

    /// <summary>The name of a registered scheme libtiff may lack, or null.</summary>
    public static string? NameOf(ushort compression) => Registered.GetValueOrDefault(compression);
}
