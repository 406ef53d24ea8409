using System.Runtime.InteropServices;

namespace DataScrub.Images.TurboJpeg;

/// <summary>
/// The system's libjpeg-turbo (TurboJPEG API, Debian <c>libturbojpeg0</c>): the JPEG decoder PIL and
/// OpenCV are built on, so its verdict on a file is the one a training loader reaches, and it decodes a
/// 256x256 JPEG without the JIT warm-up a managed decoder pays. Loaded once per process; when it is
/// absent, JPEGs are decoded by ImageSharp instead (<see cref="ImageInspector"/>).
/// </summary>
public sealed unsafe class TurboJpegLibrary
{
    /// <summary>Names a libturbojpeg to load instead of the system's <c>libturbojpeg.so.0</c>.</summary>
    public const string PathVariable = "DATASCRUB_LIBTURBOJPEG";

    private static readonly string[] DefaultNames = ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "turbojpeg.dll"];

    private static readonly Lazy<TurboJpegLibrary?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    internal readonly delegate* unmanaged<nint> InitDecompress;
    internal readonly delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int> DecompressHeader3;
    internal readonly delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int> Decompress2;
    internal readonly delegate* unmanaged<nint, int> GetErrorCode;
    internal readonly delegate* unmanaged<nint, nint> GetErrorStr2;
    internal readonly delegate* unmanaged<nint, int> Destroy;

    private TurboJpegLibrary(nint handle, string loadedFrom)
    {
        LoadedFrom = loadedFrom;
        InitDecompress = (delegate* unmanaged<nint>)NativeLibrary.GetExport(handle, "tjInitDecompress");
        DecompressHeader3 = (delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int>)NativeLibrary.GetExport(handle, "tjDecompressHeader3");
        Decompress2 = (delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int>)NativeLibrary.GetExport(handle, "tjDecompress2");
        GetErrorCode = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(handle, "tjGetErrorCode");
        GetErrorStr2 = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(handle, "tjGetErrorStr2");
        Destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(handle, "tjDestroy");
    }

    /// <summary>The file name it was loaded from, for the report.</summary>
    public string LoadedFrom { get; }

    /// <summary>The process's libjpeg-turbo, or null when none is installed (or it lacks the 1.5+ API).</summary>
    public static TurboJpegLibrary? Instance => Loaded.Value;

    private static TurboJpegLibrary? Load()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var candidates = string.IsNullOrWhiteSpace(configured) ? DefaultNames : [configured];
        foreach (var name in candidates)
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try
            {
                return new TurboJpegLibrary(handle, name);
            }
            catch (EntryPointNotFoundException)
            {
                // A libturbojpeg older than 1.5 (no tjDecompressHeader3/tjGetErrorCode): not usable.
                NativeLibrary.Free(handle);
            }
        }
        return null;
    }
}
