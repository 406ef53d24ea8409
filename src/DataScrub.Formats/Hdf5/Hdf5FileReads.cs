using Microsoft.Win32.SafeHandles;

namespace DataScrub.Formats.Hdf5;

/// <summary>Reads that finish what the kernel stops short of.</summary>
internal static class Hdf5FileReads
{
    /// <exception cref="IOException">The file ends before <paramref name="destination"/> is full.</exception>
    public static void ReadExactly(SafeFileHandle handle, long position, Span<byte> destination, string dataset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(handle, destination, position);
            if (read == 0) throw new IOException($"'{dataset}': short read at offset {position} (the file ends there)");
            destination = destination[read..];
            position += read;
        }
    }
}
