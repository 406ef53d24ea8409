namespace DataScrub.Records;

/// <summary>Element type of a decoded tensor field.</summary>
public enum TensorElementType
{
    UInt8,
    Float16,
    Float32,
    Float64,

    /// <summary>Integer labels (HDF5 int8..int64, uint8..uint64), stored widened to int64.</summary>
    Int64,
}
