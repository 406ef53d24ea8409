using System.Runtime.InteropServices;

namespace DataScrub.Images.GifLib;

/// <summary>
/// giflib's release, for the report. The library exports no version (GIFLIB_MAJOR/MINOR/RELEASE are header macros),
/// so it is read from where the loaded file came from: the file that maps giflib's code into the process, then the
/// Debian package that installed that file ("5.2.1" of <c>libgif7 5.2.1-2.5</c>). Elsewhere only what the file name
/// tells: "5 (libgif.so.7.2.0)", giflib 5 being the API this decoder needs.
/// </summary>
internal static class GifLibVersion
{
    private const string DpkgInfo = "/var/lib/dpkg/info", DpkgStatus = "/var/lib/dpkg/status";

    public static string Of(nint handle)
    {
        try
        {
            var file = MappedFileOf(NativeLibrary.GetExport(handle, "GifErrorString"));
            if (file is null) return "5";
            return DebianPackageVersion(file) ?? $"5 ({Path.GetFileName(file)})";
        }
        catch (IOException)
        {
            return "5";
        }
        catch (UnauthorizedAccessException)
        {
            return "5";
        }
    }

    /// <summary>The file whose mapping holds <paramref name="address"/> (Linux /proc/self/maps), or null.</summary>
    private static string? MappedFileOf(nint address)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (var line in File.ReadLines(maps))
        {
            // "7f..-7f.. r-xp 00002000 08:01 1234   /usr/lib/x86_64-linux-gnu/libgif.so.7.2.0"
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            var slash = line.IndexOf('/');
            if (dash < 0 || space < dash || slash < 0) continue;
            var start = Convert.ToUInt64(line[..dash], 16);
            var end = Convert.ToUInt64(line[(dash + 1)..space], 16);
            if ((ulong)address >= start && (ulong)address < end) return line[slash..].Trim();
        }
        return null;
    }

    /// <summary>The upstream version of the Debian package that lists <paramref name="file"/>, or null.</summary>
    private static string? DebianPackageVersion(string file)
    {
        if (!Directory.Exists(DpkgInfo) || !File.Exists(DpkgStatus)) return null;
        string? package = null;
        foreach (var list in Directory.EnumerateFiles(DpkgInfo, "*gif*.list"))
        {
            if (File.ReadLines(list).Any(line => line == file))
            {
                package = Path.GetFileNameWithoutExtension(list);
                break;
            }
        }
        if (package is null) return null;
        var colon = package.IndexOf(':');
        var (name, architecture) = colon < 0 ? (package, null) : (package[..colon], package[(colon + 1)..]);
        string? current = null, currentArchitecture = null, version = null;
        foreach (var line in File.ReadLines(DpkgStatus).Append(""))
        {
            if (line.Length == 0)
            {
                if (current == name && (architecture is null || currentArchitecture == architecture) && version is not null)
                    return Upstream(version);
                current = currentArchitecture = version = null;
            }
            else if (line.StartsWith("Package: ", StringComparison.Ordinal)) current = line[9..];
            else if (line.StartsWith("Architecture: ", StringComparison.Ordinal)) currentArchitecture = line[14..];
            else if (line.StartsWith("Version: ", StringComparison.Ordinal)) version = line[9..];
        }
        return null;
    }

    /// <summary>"5.2.1" of "5.2.1-2.5" (Debian revision) or "1:5.2.1-2" (epoch).</summary>
    private static string Upstream(string debianVersion)
    {
        var colon = debianVersion.IndexOf(':');
        if (colon >= 0) debianVersion = debianVersion[(colon + 1)..];
        var dash = debianVersion.LastIndexOf('-');
        return dash > 0 ? debianVersion[..dash] : debianVersion;
    }
}
