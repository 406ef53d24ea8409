using DataScrub.Samples;

namespace DataScrub.Images.Decoding;

/// <summary>
/// A full decoder for one container. The reference decoders (libjpeg-turbo, libpng, libtiff, giflib, libwebp: the
/// libraries PIL and OpenCV decode with) are loaded from the system through P/Invoke; ImageSharp 2.1.13 is the
/// fallback for a container whose library is absent, and the decoder for BMP and Netpbm (PIL and OpenCV decode those
/// with their own code, no shared library). The inspector has already walked the structure and checked the declared
/// size where its walker reads one; a decoder still checks <see cref="DecodeRequest.MaxPixels"/> itself before it
/// allocates pixels. Thread-safe: one instance serves every worker.
/// </summary>
public interface IImageDecoder
{
    /// <summary>The container it decodes.</summary>
    ImageContainer Container { get; }

    /// <summary>What decodes, for messages and the report: "libpng 1.6.39", "ImageSharp 2.1.13".</summary>
    string Name { get; }

    /// <summary>Decodes the first page (frame) completely; never throws for anything the bytes contain.</summary>
    DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request);
}
