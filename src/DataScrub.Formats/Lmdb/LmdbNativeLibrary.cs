using System.Reflection;
using System.Runtime.InteropServices;
using LightningDB;

namespace DataScrub.Formats.Lmdb;

/// <summary>
/// Points LightningDB at the system's LMDB 0.9 C library. LightningDB bundles LMDB 1.0, which needs
/// glibc 2.38 and uses on-disk format version 3: it cannot open the version-1 databases that Caffe and
/// py-lmdb (LMDB 0.9) write. The redirection is one-time process setup; a second resolver for the same
/// assembly would throw, hence the <see cref="Lazy{T}"/>.
/// </summary>
public static class LmdbNativeLibrary
{
    /// <summary>Names a liblmdb to load instead of the system's <c>liblmdb.so.0</c>.</summary>
    public const string PathVariable = "DATASCRUB_LIBLMDB";

    public const string InstallHint = "install it with 'sudo apt-get install liblmdb0' (Debian/Ubuntu), or set " + PathVariable + " to the path of an LMDB 0.9 liblmdb.so";

    private static readonly string[] DefaultNames = ["liblmdb.so.0", "liblmdb.so"];

    private static readonly Lazy<LoadResult> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The library's own version string (<c>LMDB 0.9.24: (July 24, 2019)</c>).</summary>
    public static string Version => EnsureLoaded().Version;

    /// <summary>Loads the library and installs the resolver, once per process.</summary>
    /// <exception cref="DataScrubException">No usable LMDB 0.9 library; the message says how to install one.</exception>
    public static LoadResult EnsureLoaded()
    {
        var result = Loaded.Value;
        if (result.Error is not null) throw new DataScrubException(result.Error);
        return result;
    }

    private static unsafe LoadResult Load()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var candidates = string.IsNullOrWhiteSpace(configured) ? DefaultNames : [configured];
        IntPtr handle = IntPtr.Zero;
        string? loadedFrom = null;
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out handle)) { loadedFrom = name; break; }
        }
        if (loadedFrom is null)
        {
            var what = configured is null ? "the LMDB 0.9 C library (liblmdb.so.0) was not found" : $"{PathVariable}={configured} could not be loaded";
            return new LoadResult(null, null, $"{what}: {InstallHint}");
        }
        if (!NativeLibrary.TryGetExport(handle, "mdb_version", out var versionExport))
            return new LoadResult(null, null, $"{loadedFrom} is not an LMDB library (no mdb_version): {InstallHint}");

        int major, minor, patch;
        var text = Marshal.PtrToStringUTF8(((delegate* unmanaged<int*, int*, int*, IntPtr>)versionExport)(&major, &minor, &patch)) ?? "";
        if (major != 0)
            return new LoadResult(null, null,
                $"{loadedFrom} is LMDB {major}.{minor}.{patch}, which cannot open the LMDB 0.9 databases Caffe writes: {InstallHint}");

        NativeLibrary.SetDllImportResolver(typeof(LightningEnvironment).Assembly, Resolve);
        return new LoadResult(handle, text, null);

        IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
            name is "lmdb" or "liblmdb" ? handle : IntPtr.Zero;
    }

    public sealed record LoadResult(IntPtr? Handle, string? VersionText, string? Error)
    {
        public string Version => VersionText ?? "";
    }
}
