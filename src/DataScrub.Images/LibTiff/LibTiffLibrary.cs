using System.Runtime.InteropServices;
using DataScrub.Images.Decoding;

namespace DataScrub.Images.LibTiff;

/// <summary>
/// The system's libtiff (Debian <c>libtiff6</c>): the TIFF decoder PIL and OpenCV are built on, so its verdict on a
/// file is the one a training loader reaches. Loaded once per process; <see cref="Instance"/> is null when it is absent
/// or lacks the 4.1 API (per-strile offsets) this decoder reads.
/// </summary>
/// <remarks>
/// <c>TIFFGetField</c> is variadic; .NET function pointers cannot call a variadic function, so it is bound with the
/// fixed shapes used here (one or two pointers after the tag). On x86-64 and AArch64 Linux a variadic callee reads
/// pointer arguments from the same registers as a fixed one, so this is sound there (not on Apple AArch64, where
/// variadic arguments go on the stack: libtiff is not looked for on macOS).
/// </remarks>
public sealed unsafe class LibTiffLibrary
{
    /// <summary>Names a libtiff to load instead of the system's <c>libtiff.so.6</c> ("none": do not load one).</summary>
    public const string PathVariable = "DATASCRUB_LIBTIFF";

    private static readonly string[] DefaultNames = ["libtiff.so.6", "libtiff.so.5", "libtiff.so"];

    private static readonly Lazy<LibTiffLibrary?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    internal readonly delegate* unmanaged<nint> GetVersion;
    internal readonly delegate* unmanaged<byte*, byte*, nint, nint, nint, nint, nint, nint, nint, nint, nint> ClientOpen;
    internal readonly delegate* unmanaged<nint, void> Close;
    internal readonly delegate* unmanaged<nint, int> ReadDirectory;
    internal readonly delegate* unmanaged<nint, int> LastDirectory;
    internal readonly delegate* unmanaged<nint, uint, int> SetDirectory;
    internal readonly delegate* unmanaged<nint, ulong> CurrentDirOffset;
    internal readonly delegate* unmanaged<nint, uint, void*, int> GetFieldDefaulted;
    internal readonly delegate* unmanaged<nint, uint, void*, void*, int> GetFieldDefaulted2;
    internal readonly delegate* unmanaged<nint, int> IsTiled;
    internal readonly delegate* unmanaged<nint, uint> NumberOfStrips;
    internal readonly delegate* unmanaged<nint, uint> NumberOfTiles;
    internal readonly delegate* unmanaged<nint, uint, int*, ulong> GetStrileOffsetWithErr;
    internal readonly delegate* unmanaged<nint, uint, int*, ulong> GetStrileByteCountWithErr;
    internal readonly delegate* unmanaged<nint, ulong> StripSize64;
    internal readonly delegate* unmanaged<nint, ulong> TileSize64;
    internal readonly delegate* unmanaged<nint, uint, void*, nint, nint> ReadEncodedStrip;
    internal readonly delegate* unmanaged<nint, uint, void*, nint, nint> ReadEncodedTile;
    internal readonly delegate* unmanaged<ushort, int> IsCodecConfigured;
    internal readonly delegate* unmanaged<ushort, nint> FindCodec;

    // libtiff 4.5+: per-handle message handlers and an allocation cap, set through open options.
    internal readonly delegate* unmanaged<byte*, byte*, nint, nint, nint, nint, nint, nint, nint, nint, nint, nint> ClientOpenExt;
    internal readonly delegate* unmanaged<nint> OpenOptionsAlloc;
    internal readonly delegate* unmanaged<nint, void> OpenOptionsFree;
    internal readonly delegate* unmanaged<nint, long, void> OpenOptionsSetMaxSingleMemAlloc;
    internal readonly delegate* unmanaged<nint, nint, nint, void> OpenOptionsSetErrorHandlerExtR;
    internal readonly delegate* unmanaged<nint, nint, nint, void> OpenOptionsSetWarningHandlerExtR;

    private LibTiffLibrary(nint handle, string loadedFrom)
    {
        LoadedFrom = loadedFrom;
        GetVersion = (delegate* unmanaged<nint>)NativeLibrary.GetExport(handle, "TIFFGetVersion");
        ClientOpen = (delegate* unmanaged<byte*, byte*, nint, nint, nint, nint, nint, nint, nint, nint, nint>)NativeLibrary.GetExport(handle, "TIFFClientOpen");
        Close = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(handle, "TIFFClose");
        ReadDirectory = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(handle, "TIFFReadDirectory");
        LastDirectory = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(handle, "TIFFLastDirectory");
        SetDirectory = (delegate* unmanaged<nint, uint, int>)NativeLibrary.GetExport(handle, "TIFFSetDirectory");
        CurrentDirOffset = (delegate* unmanaged<nint, ulong>)NativeLibrary.GetExport(handle, "TIFFCurrentDirOffset");
        var getFieldDefaulted = NativeLibrary.GetExport(handle, "TIFFGetFieldDefaulted");
        GetFieldDefaulted = (delegate* unmanaged<nint, uint, void*, int>)getFieldDefaulted;
        GetFieldDefaulted2 = (delegate* unmanaged<nint, uint, void*, void*, int>)getFieldDefaulted;
        IsTiled = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(handle, "TIFFIsTiled");
        NumberOfStrips = (delegate* unmanaged<nint, uint>)NativeLibrary.GetExport(handle, "TIFFNumberOfStrips");
        NumberOfTiles = (delegate* unmanaged<nint, uint>)NativeLibrary.GetExport(handle, "TIFFNumberOfTiles");
        GetStrileOffsetWithErr = (delegate* unmanaged<nint, uint, int*, ulong>)NativeLibrary.GetExport(handle, "TIFFGetStrileOffsetWithErr");
        GetStrileByteCountWithErr = (delegate* unmanaged<nint, uint, int*, ulong>)NativeLibrary.GetExport(handle, "TIFFGetStrileByteCountWithErr");
        StripSize64 = (delegate* unmanaged<nint, ulong>)NativeLibrary.GetExport(handle, "TIFFStripSize64");
        TileSize64 = (delegate* unmanaged<nint, ulong>)NativeLibrary.GetExport(handle, "TIFFTileSize64");
        ReadEncodedStrip = (delegate* unmanaged<nint, uint, void*, nint, nint>)NativeLibrary.GetExport(handle, "TIFFReadEncodedStrip");
        ReadEncodedTile = (delegate* unmanaged<nint, uint, void*, nint, nint>)NativeLibrary.GetExport(handle, "TIFFReadEncodedTile");
        IsCodecConfigured = (delegate* unmanaged<ushort, int>)NativeLibrary.GetExport(handle, "TIFFIsCODECConfigured");
        FindCodec = (delegate* unmanaged<ushort, nint>)NativeLibrary.GetExport(handle, "TIFFFindCODEC");

        if (NativeLibrary.TryGetExport(handle, "TIFFClientOpenExt", out var clientOpenExt)
            && NativeLibrary.TryGetExport(handle, "TIFFOpenOptionsAlloc", out var optionsAlloc)
            && NativeLibrary.TryGetExport(handle, "TIFFOpenOptionsFree", out var optionsFree)
            && NativeLibrary.TryGetExport(handle, "TIFFOpenOptionsSetMaxSingleMemAlloc", out var setMaxAlloc)
            && NativeLibrary.TryGetExport(handle, "TIFFOpenOptionsSetErrorHandlerExtR", out var setErrorHandler)
            && NativeLibrary.TryGetExport(handle, "TIFFOpenOptionsSetWarningHandlerExtR", out var setWarningHandler))
        {
            ClientOpenExt = (delegate* unmanaged<byte*, byte*, nint, nint, nint, nint, nint, nint, nint, nint, nint, nint>)clientOpenExt;
            OpenOptionsAlloc = (delegate* unmanaged<nint>)optionsAlloc;
            OpenOptionsFree = (delegate* unmanaged<nint, void>)optionsFree;
            OpenOptionsSetMaxSingleMemAlloc = (delegate* unmanaged<nint, long, void>)setMaxAlloc;
            OpenOptionsSetErrorHandlerExtR = (delegate* unmanaged<nint, nint, nint, void>)setErrorHandler;
            OpenOptionsSetWarningHandlerExtR = (delegate* unmanaged<nint, nint, nint, void>)setWarningHandler;
        }

        // The process-wide handlers print to stderr by default. Silence them and route whatever still reaches them
        // (libtiff < 4.5, or a code path that reports without its handle's handlers) to the calling thread's capture.
        var setErrorHandlerGlobal = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(handle, "TIFFSetErrorHandler");
        var setWarningHandlerGlobal = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(handle, "TIFFSetWarningHandler");
        var setErrorHandlerExt = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(handle, "TIFFSetErrorHandlerExt");
        var setWarningHandlerExt = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(handle, "TIFFSetWarningHandlerExt");
        setErrorHandlerGlobal(0);
        setWarningHandlerGlobal(0);
        setErrorHandlerExt((nint)LibTiffMessages.ThreadErrorHandler);
        setWarningHandlerExt((nint)LibTiffMessages.ThreadWarningHandler);

        Version = FirstLine(Marshal.PtrToStringUTF8(GetVersion()));
    }

    /// <summary>The file name it was loaded from, for the report.</summary>
    public string LoadedFrom { get; }

    /// <summary>The first line of <c>TIFFGetVersion()</c>: "LIBTIFF, Version 4.5.0".</summary>
    public string Version { get; }

    /// <summary>The version number alone ("4.5.0"), or the whole first line when it has no "Version" word.</summary>
    public string VersionNumber
    {
        get
        {
            const string word = "Version ";
            var at = Version.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? Version : Version[(at + word.Length)..].Trim();
        }
    }

    /// <summary>True when open options (libtiff 4.5+) carry per-handle message handlers and an allocation cap.</summary>
    internal bool HasOpenOptions => ClientOpenExt != null;

    /// <summary>The process's libtiff, or null when none is installed (or it is older than 4.1).</summary>
    public static LibTiffLibrary? Instance => Loaded.Value;

    /// <summary>libtiff's name for a compression scheme ("LZW", "LZMA"), or null for a number it does not know.</summary>
    internal string? CodecName(ushort compression)
    {
        // TIFFCodec starts with its name (char*); libtiff lists every scheme it knows, configured or not.
        var codec = FindCodec(compression);
        return codec == 0 ? null : Marshal.PtrToStringUTF8(*(nint*)codec);
    }

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "LIBTIFF";
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }

    private static LibTiffLibrary? Load()
    {
        var handle = SystemLibrary.TryLoad(PathVariable, DefaultNames, out var loadedFrom);
        if (handle == 0) return null;
        try
        {
            return new LibTiffLibrary(handle, loadedFrom!);
        }
        catch (EntryPointNotFoundException)
        {
            // A libtiff older than 4.1 (no TIFFGetStrileOffsetWithErr): not usable.
            NativeLibrary.Free(handle);
            return null;
        }
    }
}
