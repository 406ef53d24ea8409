namespace DataScrub.Formats.Hdf5;

/// <summary>Where one dataset's rows are read from, and which of them exist.</summary>
internal interface IHdf5RowStorage
{
    /// <summary>Rows whose storage exists and can be decoded: the rows DataScrub reads.</summary>
    Hdf5RowRanges Readable { get; }

    /// <summary>Rows without storage (never written: HDF5 reads them as the fill value).</summary>
    Hdf5RowRanges Unwritten { get; }

    /// <summary>Rows that exist but need a filter DataScrub cannot decode, and which one; null for none.</summary>
    (Hdf5RowRanges Rows, Hdf5Filter Filter)? Undecodable { get; }

    /// <summary>Rows [start, start+count) as file-order bytes (rows without storage: the fill value).</summary>
    /// <exception cref="IOException">The data ends past the end of the file.</exception>
    /// <exception cref="InvalidDataException">The data is damaged (a chunk fails to inflate, a checksum mismatch).</exception>
    void Read(long start, int count, Span<byte> destination);
}
