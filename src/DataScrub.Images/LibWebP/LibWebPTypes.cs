using System.Runtime.InteropServices;

namespace DataScrub.Images.LibWebP;

// libwebp 1.2's public structs (webp/decode.h, webp/demux.h, webp/mux_types.h) as laid out on 64-bit Linux, offsets
// checked against the headers with offsetof. Only the fields this decoder reads or sets are named; the sizes are the
// whole structs', padding included, because libwebp writes all of them.

/// <summary><c>WebPBitstreamFeatures</c>: what the headers declare.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct WebPBitstreamFeatures
{
    [FieldOffset(0)] public int Width;
    [FieldOffset(4)] public int Height;
    [FieldOffset(8)] public int HasAlpha;
    [FieldOffset(12)] public int HasAnimation;
    /// <summary>0 undefined or mixed, 1 lossy, 2 lossless.</summary>
    [FieldOffset(16)] public int Format;
}

/// <summary><c>WebPDecoderConfig</c>: the features, the output buffer (<c>WebPDecBuffer</c> at 40, its
/// <c>u.RGBA</c> view at 56) and the options (at 160, left as <c>WebPInitDecoderConfig</c> sets them).</summary>
[StructLayout(LayoutKind.Explicit, Size = 240)]
internal unsafe struct WebPDecoderConfig
{
    [FieldOffset(0)] public WebPBitstreamFeatures Input;
    [FieldOffset(40)] public int OutputColorspace;
    [FieldOffset(44)] public int OutputWidth;
    [FieldOffset(48)] public int OutputHeight;
    [FieldOffset(52)] public int OutputIsExternalMemory;
    [FieldOffset(56)] public byte* OutputRgba;
    [FieldOffset(64)] public int OutputStride;
    [FieldOffset(72)] public nuint OutputSize;
}

/// <summary><c>WebPData</c>: a byte range.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct WebPData
{
    public byte* Bytes;
    public nuint Size;
}

/// <summary><c>WebPIterator</c>: one frame of a demuxed file; <see cref="Fragment"/> is its bitstream (the frame's
/// ALPH and VP8 or VP8L chunks).</summary>
[StructLayout(LayoutKind.Explicit, Size = 80)]
internal struct WebPIterator
{
    [FieldOffset(32)] public int Complete;
    [FieldOffset(40)] public WebPData Fragment;
}

/// <summary><c>WebPAnimDecoderOptions</c>.</summary>
[StructLayout(LayoutKind.Explicit, Size = 36)]
internal struct WebPAnimDecoderOptions
{
    [FieldOffset(0)] public int ColorMode;
    [FieldOffset(4)] public int UseThreads;
}

/// <summary><c>WebPAnimInfo</c>: the canvas and the frame count.</summary>
[StructLayout(LayoutKind.Explicit, Size = 36)]
internal struct WebPAnimInfo
{
    [FieldOffset(0)] public uint CanvasWidth;
    [FieldOffset(4)] public uint CanvasHeight;
    [FieldOffset(8)] public uint LoopCount;
    [FieldOffset(12)] public uint BackgroundColor;
    [FieldOffset(16)] public uint FrameCount;
}

/// <summary><c>VP8StatusCode</c>.</summary>
internal enum VP8StatusCode
{
    Ok = 0,
    OutOfMemory,
    InvalidParam,
    BitstreamError,
    UnsupportedFeature,
    Suspended,
    UserAbort,
    NotEnoughData,
}

/// <summary><c>WEBP_DEMUX_STATE</c>: how far a (partial) demux got.</summary>
internal enum WebPDemuxState
{
    ParseError = -1,
    ParsingHeader = 0,
    ParsedHeader = 1,
    Done = 2,
}
