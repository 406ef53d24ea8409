using System.Runtime.InteropServices;
using DataScrub.Images.Decoding;

namespace DataScrub.Images.GifLib;

/// <summary>
/// The system's giflib (Debian <c>libgif7</c>): the reference C GIF decoder, read through its record API so that
/// only the first frame is decoded. PIL decodes GIFs with its own code, so where the two differ (stray bytes, LZW code
/// sizes 9 to 12) <see cref="GifLibDecoder"/> follows PIL. Loaded once per process; null when absent. giflib 5 keeps no global state
/// (every <c>GifFileType</c> is independent), so one instance serves every worker.
/// </summary>
public sealed unsafe class GifLibLibrary
{
    /// <summary>Names a libgif to load instead of the system's <c>libgif.so.7</c> ("none": do not load).</summary>
    public const string PathVariable = "DATASCRUB_LIBGIF";

    private static readonly string[] DefaultNames = ["libgif.so.7", "libgif.so"];

    private static readonly Lazy<GifLibLibrary?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // gif_lib.h (giflib 5.x); the read callback is int (*InputFunc)(GifFileType*, GifByteType*, int).
    internal readonly delegate* unmanaged<void*, delegate* unmanaged<GifFileType*, byte*, int, int>, int*, GifFileType*> Open;
    internal readonly delegate* unmanaged<GifFileType*, int*, int> CloseFile;
    internal readonly delegate* unmanaged<GifFileType*, GifRecordType*, int> GetRecordType;
    internal readonly delegate* unmanaged<GifFileType*, int> GetImageDesc;
    internal readonly delegate* unmanaged<GifFileType*, byte*, int, int> GetLine;
    internal readonly delegate* unmanaged<GifFileType*, int*, byte**, int> GetExtension;
    internal readonly delegate* unmanaged<GifFileType*, byte**, int> GetExtensionNext;
    internal readonly delegate* unmanaged<GifFileType*, int*, byte**, int> GetCode;
    internal readonly delegate* unmanaged<GifFileType*, byte**, int> GetCodeNext;
    internal readonly delegate* unmanaged<int, nint> ErrorString;

    private GifLibLibrary(nint handle, string loadedFrom)
    {
        LoadedFrom = loadedFrom;
        Open = (delegate* unmanaged<void*, delegate* unmanaged<GifFileType*, byte*, int, int>, int*, GifFileType*>)NativeLibrary.GetExport(handle, "DGifOpen");
        CloseFile = (delegate* unmanaged<GifFileType*, int*, int>)NativeLibrary.GetExport(handle, "DGifCloseFile");
        GetRecordType = (delegate* unmanaged<GifFileType*, GifRecordType*, int>)NativeLibrary.GetExport(handle, "DGifGetRecordType");
        GetImageDesc = (delegate* unmanaged<GifFileType*, int>)NativeLibrary.GetExport(handle, "DGifGetImageDesc");
        GetLine = (delegate* unmanaged<GifFileType*, byte*, int, int>)NativeLibrary.GetExport(handle, "DGifGetLine");
        GetExtension = (delegate* unmanaged<GifFileType*, int*, byte**, int>)NativeLibrary.GetExport(handle, "DGifGetExtension");
        GetExtensionNext = (delegate* unmanaged<GifFileType*, byte**, int>)NativeLibrary.GetExport(handle, "DGifGetExtensionNext");
        GetCode = (delegate* unmanaged<GifFileType*, int*, byte**, int>)NativeLibrary.GetExport(handle, "DGifGetCode");
        GetCodeNext = (delegate* unmanaged<GifFileType*, byte**, int>)NativeLibrary.GetExport(handle, "DGifGetCodeNext");
        ErrorString = (delegate* unmanaged<int, nint>)NativeLibrary.GetExport(handle, "GifErrorString");
        Version = $"5 ({Path.GetFileName(loadedFrom)})";
    }

    /// <summary>The file name it was loaded from, for the report.</summary>
    public string LoadedFrom { get; }

    /// <summary>"5 (libgif.so.7)": giflib exports no version (its GIFLIB_MAJOR/MINOR are header macros), so this is the
    /// API generation this decoder needs and the file that provides it.</summary>
    public string Version { get; }

    /// <summary>The process's giflib, or null when none is installed (or it lacks the giflib 5 API).</summary>
    public static GifLibLibrary? Instance => Loaded.Value;

    /// <summary>giflib's words for an error code (<c>D_GIF_ERR_*</c>).</summary>
    internal string ErrorText(int code) => Marshal.PtrToStringUTF8(ErrorString(code)) ?? $"giflib error {code}";

    private static GifLibLibrary? Load()
    {
        var handle = SystemLibrary.TryLoad(PathVariable, DefaultNames, out var loadedFrom);
        if (handle == 0) return null;
        try
        {
            return new GifLibLibrary(handle, loadedFrom!);
        }
        catch (EntryPointNotFoundException)
        {
            // giflib 4 (no DGifOpen error argument, no GifErrorString): not usable.
            NativeLibrary.Free(handle);
            return null;
        }
    }
}
