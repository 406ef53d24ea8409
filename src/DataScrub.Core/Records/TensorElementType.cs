namespace DataScrub.Records;

/// <summary>Element type of a decoded tensor field.</summary>
public enum TensorElementType
{
    UInt8,
    Float32,
    Float64,
}
