namespace DataScrub.Files;

/// <summary>Writes a file through a temporary sibling renamed over it, so that a reader never sees half of it. The stream
/// can also be read and sought, so that a writer can checksum what it wrote.</summary>
public static class AtomicFile
{
    /// <exception cref="FileWriteException">The file could not be written; the temporary is removed and never named.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.tmp-{Environment.ProcessId}";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite))
                write(file);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            throw new FileWriteException(path, SystemError.Reason(e), e);
        }
    }
}
