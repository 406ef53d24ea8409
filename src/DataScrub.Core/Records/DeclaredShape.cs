namespace DataScrub.Records;

/// <summary>The C x H x W a record claims for itself (Datum channels/height/width).</summary>
public readonly record struct DeclaredShape(int Channels, int Height, int Width)
{
    /// <summary>C*H*W, or -1 when a dimension is negative (such a record can never match its data).</summary>
    public long ElementCount => Channels < 0 || Height < 0 || Width < 0 ? -1 : (long)Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
