using System.Runtime.InteropServices;

namespace DataScrub.Images.Decoding;

/// <summary>
/// Loads one of the system's codec libraries (Debian: <c>libpng16-16</c>, <c>libtiff6</c>, <c>libgif7</c>,
/// <c>libwebp7</c>) once per process. An environment variable may name another file to load instead (tests use it to
/// run without a library; a user with a self-built codec points at it).
/// </summary>
public static class SystemLibrary
{
    /// <summary>The handle of the first of <paramref name="names"/> that loads, or of the file
    /// <paramref name="pathVariable"/> names when it is set; 0 when none loads. An empty or "none" value of the
    /// variable means: do not load (the fallback decoder is used).</summary>
    public static nint TryLoad(string pathVariable, IReadOnlyList<string> names, out string? loadedFrom)
    {
        loadedFrom = null;
        var configured = Environment.GetEnvironmentVariable(pathVariable);
        if (configured is not null && (configured.Length == 0 || configured.Equals("none", StringComparison.OrdinalIgnoreCase)))
            return 0;
        IReadOnlyList<string> candidates = configured is null ? names : [configured];
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                loadedFrom = name;
                return handle;
            }
        }
        return 0;
    }
}
