using System.Runtime.InteropServices;
using DataScrub.Images.Decoding;

namespace DataScrub.Images.LibWebP;

/// <summary>
/// The system's libwebp (Debian <c>libwebp7</c>) and, when present, its demuxer (<c>libwebpdemux2</c>, needed for
/// animations): the libraries PIL's WebP plugin and OpenCV decode with. Loaded once per process; null when libwebp is
/// absent. Several decode entry points are inline wrappers in the headers over exported <c>...Internal</c> functions
/// that take the header's ABI version; those are called here with the versions of the libwebp 1.2 headers.
/// libwebp keeps no per-call global state (its one-time DSP set-up is guarded), so one instance serves every worker.
/// </summary>
public sealed unsafe class LibWebPLibrary
{
    /// <summary>Names a libwebp to load instead of the system's <c>libwebp.so.7</c> ("none": do not load).</summary>
    public const string PathVariable = "DATASCRUB_LIBWEBP";

    /// <summary>Names a libwebpdemux to load instead of the system's <c>libwebpdemux.so.2</c> ("none": animations
    /// are <see cref="DecodeVerdict.Unsupported"/>).</summary>
    public const string DemuxPathVariable = "DATASCRUB_LIBWEBPDEMUX";

    /// <summary>WEBP_DECODER_ABI_VERSION of libwebp 1.2's decode.h; a library accepts any header of its major version.</summary>
    internal const int DecoderAbiVersion = 0x0209;

    /// <summary>WEBP_DEMUX_ABI_VERSION of libwebp 1.2's demux.h.</summary>
    internal const int DemuxAbiVersion = 0x0107;

    private static readonly string[] DefaultNames = ["libwebp.so.7", "libwebp.so"];
    private static readonly string[] DefaultDemuxNames = ["libwebpdemux.so.2", "libwebpdemux.so"];

    private static readonly Lazy<LibWebPLibrary?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    internal readonly delegate* unmanaged<int> GetDecoderVersion;
    internal readonly delegate* unmanaged<byte*, nuint, WebPBitstreamFeatures*, int, VP8StatusCode> GetFeaturesInternal;
    internal readonly delegate* unmanaged<WebPDecoderConfig*, int, int> InitDecoderConfigInternal;
    internal readonly delegate* unmanaged<byte*, nuint, WebPDecoderConfig*, VP8StatusCode> DecodeWithConfig;
    internal readonly delegate* unmanaged<WebPDecoderConfig*, void> FreeDecBuffer;

    // libwebpdemux; null pointers when it is absent.
    internal readonly delegate* unmanaged<WebPAnimDecoderOptions*, int, int> AnimDecoderOptionsInitInternal;
    internal readonly delegate* unmanaged<WebPData*, WebPAnimDecoderOptions*, int, nint> AnimDecoderNewInternal;
    internal readonly delegate* unmanaged<nint, WebPAnimInfo*, int> AnimDecoderGetInfo;
    internal readonly delegate* unmanaged<nint, byte**, int*, int> AnimDecoderGetNext;
    internal readonly delegate* unmanaged<nint, void> AnimDecoderDelete;
    internal readonly delegate* unmanaged<WebPData*, int, WebPDemuxState*, int, nint> DemuxInternal;
    internal readonly delegate* unmanaged<nint, void> DemuxDelete;
    internal readonly delegate* unmanaged<nint, int, WebPIterator*, int> DemuxGetFrame;
    internal readonly delegate* unmanaged<WebPIterator*, void> DemuxReleaseIterator;

    private LibWebPLibrary(nint handle, string loadedFrom, nint demux, string? demuxLoadedFrom)
    {
        LoadedFrom = loadedFrom;
        GetDecoderVersion = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "WebPGetDecoderVersion");
        GetFeaturesInternal = (delegate* unmanaged<byte*, nuint, WebPBitstreamFeatures*, int, VP8StatusCode>)NativeLibrary.GetExport(handle, "WebPGetFeaturesInternal");
        InitDecoderConfigInternal = (delegate* unmanaged<WebPDecoderConfig*, int, int>)NativeLibrary.GetExport(handle, "WebPInitDecoderConfigInternal");
        DecodeWithConfig = (delegate* unmanaged<byte*, nuint, WebPDecoderConfig*, VP8StatusCode>)NativeLibrary.GetExport(handle, "WebPDecode");
        FreeDecBuffer = (delegate* unmanaged<WebPDecoderConfig*, void>)NativeLibrary.GetExport(handle, "WebPFreeDecBuffer");
        var version = GetDecoderVersion();
        Version = $"{(version >> 16) & 0xff}.{(version >> 8) & 0xff}.{version & 0xff}";
        if (demux == 0) return;
        try
        {
            AnimDecoderOptionsInitInternal = (delegate* unmanaged<WebPAnimDecoderOptions*, int, int>)NativeLibrary.GetExport(demux, "WebPAnimDecoderOptionsInitInternal");
            AnimDecoderNewInternal = (delegate* unmanaged<WebPData*, WebPAnimDecoderOptions*, int, nint>)NativeLibrary.GetExport(demux, "WebPAnimDecoderNewInternal");
            AnimDecoderGetInfo = (delegate* unmanaged<nint, WebPAnimInfo*, int>)NativeLibrary.GetExport(demux, "WebPAnimDecoderGetInfo");
            AnimDecoderGetNext = (delegate* unmanaged<nint, byte**, int*, int>)NativeLibrary.GetExport(demux, "WebPAnimDecoderGetNext");
            AnimDecoderDelete = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(demux, "WebPAnimDecoderDelete");
            DemuxInternal = (delegate* unmanaged<WebPData*, int, WebPDemuxState*, int, nint>)NativeLibrary.GetExport(demux, "WebPDemuxInternal");
            DemuxDelete = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(demux, "WebPDemuxDelete");
            DemuxGetFrame = (delegate* unmanaged<nint, int, WebPIterator*, int>)NativeLibrary.GetExport(demux, "WebPDemuxGetFrame");
            DemuxReleaseIterator = (delegate* unmanaged<WebPIterator*, void>)NativeLibrary.GetExport(demux, "WebPDemuxReleaseIterator");
            DemuxLoadedFrom = demuxLoadedFrom;
        }
        catch (EntryPointNotFoundException)
        {
            // A libwebpdemux older than 0.5 (no animation decoder): animations stay unsupported.
            AnimDecoderNewInternal = null;
            NativeLibrary.Free(demux);
        }
    }

    /// <summary>The file name libwebp was loaded from, for the report.</summary>
    public string LoadedFrom { get; }

    /// <summary>The file name libwebpdemux was loaded from, or null when animations cannot be decoded.</summary>
    public string? DemuxLoadedFrom { get; }

    /// <summary>"1.2.4", from <c>WebPGetDecoderVersion</c>.</summary>
    public string Version { get; }

    /// <summary>True when libwebpdemux is loaded, so animated WebPs can be decoded.</summary>
    public bool CanDecodeAnimations => AnimDecoderNewInternal is not null;

    /// <summary>The process's libwebp, or null when none is installed.</summary>
    public static LibWebPLibrary? Instance => Loaded.Value;

    private static LibWebPLibrary? Load()
    {
        var handle = SystemLibrary.TryLoad(PathVariable, DefaultNames, out var loadedFrom);
        if (handle == 0) return null;
        var demux = SystemLibrary.TryLoad(DemuxPathVariable, DefaultDemuxNames, out var demuxLoadedFrom);
        try
        {
            return new LibWebPLibrary(handle, loadedFrom!, demux, demuxLoadedFrom);
        }
        catch (EntryPointNotFoundException)
        {
            // A libwebp older than 0.5 (no WebPGetFeaturesInternal with this ABI): not usable.
            NativeLibrary.Free(handle);
            if (demux != 0) NativeLibrary.Free(demux);
            return null;
        }
    }
}
