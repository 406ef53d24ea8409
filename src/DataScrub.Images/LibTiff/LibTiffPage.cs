namespace DataScrub.Images.LibTiff;

/// <summary>The layout of the TIFF page (directory) libtiff has current, as its tags declare it.</summary>
internal readonly record struct LibTiffPage(
    uint Width, uint Height, ushort SamplesPerPixel, ushort BitsPerSample, ushort SampleFormat, ushort Photometric,
    ushort PlanarConfig, ushort Compression, ushort ExtraSamples, bool Tiled, uint TileWidth, uint TileHeight)
{
    // Tags and values (tiff.h).
    private const uint TagImageWidth = 256, TagImageLength = 257, TagBitsPerSample = 258, TagCompression = 259,
        TagPhotometric = 262, TagSamplesPerPixel = 277, TagPlanarConfig = 284, TagTileWidth = 322, TagTileLength = 323,
        TagExtraSamples = 338, TagSampleFormat = 339;
    public const ushort PhotometricMinIsWhite = 0, PhotometricMinIsBlack = 1, PhotometricRgb = 2, PhotometricPalette = 3,
        PhotometricMask = 4, PhotometricSeparated = 5, PhotometricYCbCr = 6, PhotometricCieLab = 8, PhotometricIccLab = 9,
        PhotometricItuLab = 10, PhotometricLogL = 32844, PhotometricLogLuv = 32845;
    public const ushort PlanarContiguous = 1;
    public const ushort SampleFormatUnsigned = 1;
    private const ushort Unknown = ushort.MaxValue;

    /// <summary>Reads the current directory's tags (libtiff's defaults where a tag is absent).</summary>
    public static unsafe LibTiffPage Read(LibTiffLibrary library, nint tiff)
    {
        uint width = 0, height = 0, tileWidth = 0, tileHeight = 0;
        ushort samples = 1, bits = 1, format = SampleFormatUnsigned, photometric = Unknown, planar = PlanarContiguous, compression = 1, extraCount = 0;
        ushort* extraTypes = null;
        library.GetFieldDefaulted(tiff, TagImageWidth, &width);
        library.GetFieldDefaulted(tiff, TagImageLength, &height);
        library.GetFieldDefaulted(tiff, TagSamplesPerPixel, &samples);
        library.GetFieldDefaulted(tiff, TagBitsPerSample, &bits);
        library.GetFieldDefaulted(tiff, TagSampleFormat, &format);
        library.GetFieldDefaulted(tiff, TagPhotometric, &photometric);
        library.GetFieldDefaulted(tiff, TagPlanarConfig, &planar);
        library.GetFieldDefaulted(tiff, TagCompression, &compression);
        library.GetFieldDefaulted2(tiff, TagExtraSamples, &extraCount, &extraTypes);
        var tiled = library.IsTiled(tiff) != 0;
        if (tiled)
        {
            library.GetFieldDefaulted(tiff, TagTileWidth, &tileWidth);
            library.GetFieldDefaulted(tiff, TagTileLength, &tileHeight);
        }
        return new LibTiffPage(width, height, samples, bits, format, photometric, planar, compression, extraCount, tiled, tileWidth, tileHeight);
    }

    /// <summary>Colour channels a trainer sees: 1 gray (with or without extra samples such as alpha), 3 colour
    /// (RGB, YCbCr, palette, CIE Lab), 4 CMYK (Separated); 0 for a photometric interpretation it does not name.</summary>
    public int Channels => Photometric switch
    {
        PhotometricMinIsWhite or PhotometricMinIsBlack or PhotometricMask or PhotometricLogL => 1,
        PhotometricRgb or PhotometricPalette or PhotometricYCbCr or PhotometricCieLab or PhotometricIccLab or PhotometricItuLab or PhotometricLogLuv => 3,
        PhotometricSeparated => 4,
        _ => 0,
    };

    public long Pixels => (long)Width * Height;

    /// <summary>"strip" or "tile", for messages.</summary>
    public string Chunk => Tiled ? "tile" : "strip";

    /// <summary>
    /// How many channels of moments the decoded chunks give directly: 1 (MinIsBlack) or 3 (RGB) for 8-bit unsigned
    /// interleaved samples, whose bytes are the pixel values a trainer sees; extra samples (alpha) are left out.
    /// 0 for everything else, which would need a conversion first and is not worth one for a data check: floats and
    /// 16-bit samples (other scales), palette indices, YCbCr (JPEG-in-TIFF decodes to subsampled YCbCr, not RGB),
    /// MinIsWhite (inverted), CMYK, Lab, planar pages (one plane per chunk).
    /// </summary>
    public int MomentChannels
    {
        get
        {
            if (BitsPerSample != 8 || SampleFormat != SampleFormatUnsigned || SamplesPerPixel > 8) return 0;
            if (PlanarConfig != PlanarContiguous && SamplesPerPixel > 1) return 0;
            return Photometric switch
            {
                PhotometricMinIsBlack => 1,
                PhotometricRgb when SamplesPerPixel >= 3 => 3,
                _ => 0,
            };
        }
    }
}
