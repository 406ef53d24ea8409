using Microsoft.Win32.SafeHandles;
using PureHDF;
using PureHDF.VOL.Native;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// One HDF5 file opened for reading: PureHDF for its metadata, a handle for DataScrub's own reads of raw
/// data, and the superblock facts those reads need. PureHDF reads through <see cref="Hdf5FileView"/>.
/// </summary>
internal sealed class Hdf5SourceFile : IDisposable
{
    private Hdf5SourceFile(string path, SafeFileHandle handle, NativeFile file, Hdf5Superblock superblock)
    {
        Path = path;
        Handle = handle;
        File = file;
        Superblock = superblock;
    }

    public string Path { get; }

    public SafeFileHandle Handle { get; }

    public NativeFile File { get; }

    public Hdf5Superblock Superblock { get; }

    /// <exception cref="InvalidDataException">The file has no HDF5 superblock DataScrub can read.</exception>
    /// <exception cref="Exception">PureHDF cannot parse its metadata (PureHDF throws plain exceptions).</exception>
    public static Hdf5SourceFile Open(string path)
    {
        var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        try
        {
            var superblock = Hdf5Superblock.Read(handle);
            // Always through the view (Hdf5FileView): reads past the end then fail instead of yielding zeros.
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var file = H5File.Open(new Hdf5FileView(stream, superblock.Position, checked((long)superblock.StoredBaseAddress)));
            return new Hdf5SourceFile(path, handle, file, superblock);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        File.Dispose();
        Handle.Dispose();
    }
}
