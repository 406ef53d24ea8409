using System.Runtime.InteropServices;

namespace DataScrub.Images.GifLib;

/// <summary>
/// The leading fields of giflib 5's <c>GifFileType</c> (gif_lib.h) as laid out on 64-bit Linux (offsets checked
/// against the header with offsetof): the screen descriptor, the current image descriptor the record API fills, the
/// last error and the user pointer the read callback gets. giflib allocates it; only these fields are read.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 120)]
internal unsafe struct GifFileType
{
    [FieldOffset(0)] public int ScreenWidth;
    [FieldOffset(4)] public int ScreenHeight;
    [FieldOffset(24)] public ColorMapObject* ScreenColorMap;
    [FieldOffset(32)] public int ImageCount;
    [FieldOffset(40)] public GifImageDesc Image;
    [FieldOffset(96)] public int Error;
    [FieldOffset(104)] public void* UserData;
}

/// <summary>giflib's <c>GifImageDesc</c>: one frame's rectangle, interlace flag and local colour map.</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal unsafe struct GifImageDesc
{
    [FieldOffset(0)] public int Left;
    [FieldOffset(4)] public int Top;
    [FieldOffset(8)] public int Width;
    [FieldOffset(12)] public int Height;
    [FieldOffset(16)] public byte Interlace; // C bool
    [FieldOffset(24)] public ColorMapObject* ColorMap;
}

/// <summary>giflib's <c>ColorMapObject</c>: <see cref="ColorCount"/> RGB triplets (<c>GifColorType</c>, 3 bytes each).</summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal unsafe struct ColorMapObject
{
    [FieldOffset(0)] public int ColorCount;
    [FieldOffset(4)] public int BitsPerPixel;
    [FieldOffset(16)] public byte* Colors;
}

/// <summary>giflib's <c>GifRecordType</c> (a C enum, 4 bytes).</summary>
internal enum GifRecordType
{
    Undefined = 0,
    ScreenDescriptor = 1,
    ImageDescriptor = 2,
    Extension = 3,
    Terminate = 4,
}
