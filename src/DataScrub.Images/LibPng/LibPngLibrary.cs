using System.Runtime.InteropServices;
using DataScrub.Images.Decoding;

namespace DataScrub.Images.LibPng;

/// <summary>
/// The system's libpng 1.6 (Debian <c>libpng16-16</c>): the PNG decoder OpenCV's <c>imread</c> (Caffe) is built on.
/// Only its simplified API is used (<c>png_image_*</c>, libpng 1.6+): it catches libpng's errors with its own
/// setjmp and returns 0 with the message in the <c>png_image</c>, so no longjmp ever crosses managed frames (the
/// classic API's error callback must not return, which P/Invoke cannot honour). Loaded once per process; when it is
/// absent, PNGs are decoded by ImageSharp instead.
/// </summary>
public sealed unsafe class LibPngLibrary
{
    /// <summary>Names a libpng to load instead of the system's <c>libpng16.so.16</c> ("none": do not load one).</summary>
    public const string PathVariable = "DATASCRUB_LIBPNG";

    private static readonly string[] DefaultNames = ["libpng16.so.16", "libpng16.so", "libpng.so", "libpng16.16.dylib", "libpng16.dll"];

    private static readonly Lazy<LibPngLibrary?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    internal readonly delegate* unmanaged<PngImage*, byte*, nuint, int> BeginReadFromMemory;
    internal readonly delegate* unmanaged<PngImage*, void*, void*, int, void*, int> FinishRead;
    internal readonly delegate* unmanaged<PngImage*, void> Free;

    private LibPngLibrary(nint handle, string loadedFrom, uint version)
    {
        LoadedFrom = loadedFrom;
        Version = $"{version / 10000}.{version / 100 % 100}.{version % 100}";
        BeginReadFromMemory = (delegate* unmanaged<PngImage*, byte*, nuint, int>)NativeLibrary.GetExport(handle, "png_image_begin_read_from_memory");
        FinishRead = (delegate* unmanaged<PngImage*, void*, void*, int, void*, int>)NativeLibrary.GetExport(handle, "png_image_finish_read");
        Free = (delegate* unmanaged<PngImage*, void>)NativeLibrary.GetExport(handle, "png_image_free");
    }

    /// <summary>The file name it was loaded from.</summary>
    public string LoadedFrom { get; }

    /// <summary>"1.6.39".</summary>
    public string Version { get; }

    /// <summary>The process's libpng, or null when none is installed (or it predates the 1.6 simplified API).</summary>
    public static LibPngLibrary? Instance => Loaded.Value;

    private static LibPngLibrary? Load()
    {
        var handle = SystemLibrary.TryLoad(PathVariable, DefaultNames, out var loadedFrom);
        if (handle == 0) return null;
        try
        {
            var version = ((delegate* unmanaged<uint>)NativeLibrary.GetExport(handle, "png_access_version_number"))();
            return version < 10600 ? null : new LibPngLibrary(handle, loadedFrom!, version);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }
}

/// <summary><c>png_image</c> (png.h, libpng 1.6): the simplified API's control structure.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PngImage
{
    public const uint CurrentVersion = 1; // PNG_IMAGE_VERSION
    public const uint WarningFlag = 1, ErrorFlag = 2; // PNG_IMAGE_WARNING, PNG_IMAGE_ERROR
    public const uint FormatAlpha = 0x01, FormatColor = 0x02, FormatLinear = 0x04, FormatColormap = 0x08;
    public const uint Flag16BitSrgb = 0x04; // PNG_IMAGE_FLAG_16BIT_sRGB

    public nint Opaque;
    public uint Version;
    public uint Width;
    public uint Height;
    public uint Format;
    public uint Flags;
    public uint ColormapEntries;
    public uint WarningOrError;
    public fixed byte Message[64];

    /// <summary>libpng's error or warning text (<paramref name="image"/> lives on the caller's stack).</summary>
    public static string MessageOf(PngImage* image) => Marshal.PtrToStringUTF8((nint)image->Message) ?? "";
}
