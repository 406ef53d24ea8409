using DataScrub.Samples;

namespace DataScrub.Images.Structure;

/// <summary>What a structural walk of an image file found: its declared size and colour channels, and
/// where the bytes stop making sense.</summary>
public sealed record ImageStructure
{
    public ImageContainer Container { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>1 for grayscale, 3 or 4 for colour, when the header says.</summary>
    public int? Channels { get; init; }

    /// <summary>Frames (GIF, APNG) the walk counted, complete ones only; null where the walker does not count.</summary>
    public int? Pages { get; init; }

    /// <summary>Damage after the first frame (a GIF cut inside its third frame): not an error, the first frame being
    /// complete and the only one a trainer reads; reported with the frame count.</summary>
    public string? LaterPagesProblem { get; init; }

    /// <summary>The data ends before the image does (an error).</summary>
    public string? Truncated { get; init; }

    /// <summary>The structure is broken in a way no loader accepts (an error).</summary>
    public string? Corrupt { get; init; }

    /// <summary>The closing marker is missing but the image data is complete (a warning).</summary>
    public string? MissingEndMarker { get; init; }

    /// <summary>Bytes after the closing marker (a warning).</summary>
    public long TrailingBytes { get; init; }

    /// <summary>Offset of the problem, for messages.</summary>
    public long? Offset { get; init; }
}
