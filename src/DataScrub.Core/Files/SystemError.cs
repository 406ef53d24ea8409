using System.Runtime.InteropServices;

namespace DataScrub.Files;

/// <summary>
/// The system's reason for a failed file operation, as the system words it in lowercase ("permission
/// denied", "no space left on device"), without the path .NET puts in its messages: that path is often a
/// temporary the user never asked for.
/// </summary>
public static class SystemError
{
    public static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        // .NET reports EACCES, EPERM (an immutable file, sysfs) and EROFS... as "access denied"; the inner
        // exception carries the system's errno.
        UnauthorizedAccessException { InnerException: IOException inner } when Errno(inner) is { } errno => Describe(errno),
        UnauthorizedAccessException => "permission denied",
        IOException io when Errno(io) is { } errno => Describe(errno),
        // No errno (Directory.Delete words EACCES/EPERM/EROFS as "Access to the path '...' is denied."):
        // .NET's words, without the path they quote, which may be a temporary.
        _ => WithoutQuotedPaths(e.Message),
    };

    private static string WithoutQuotedPaths(string message)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(message, " ?'[^']*'", "").TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : message;
    }

    /// <summary>On Unix, an IOException's HResult is the errno when .NET made it from one.</summary>
    private static int? Errno(IOException e) => e.HResult is > 0 and < 4096 ? e.HResult : null;

    private static string Describe(int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : $"error {errno}";
    }
}
