namespace DataScrub.Analysis;

/// <summary>The little a worker keeps of a sample for dataset-level analysis (bounded: no payload).</summary>
/// <param name="Label">The class label, when the record has one and could be decoded.</param>
/// <param name="Readable">False when the record could not be decoded.</param>
/// <param name="ImageChannels">Colour channels of the sample's image, when it is one (1 grayscale, 3/4 colour).</param>
/// <param name="MaskEmpty">Whether the sample's segmentation mask has no foreground, when it has a mask.</param>
/// <param name="Fingerprint">The content fingerprint for duplicate detection, when enabled.</param>
/// <param name="Id">The sample's id: kept with its fingerprint when it is the first of its content, and with a high
/// label in case it proves far above the rest.</param>
public readonly record struct SampleSummary(long? Label, bool Readable, int? ImageChannels = null, bool? MaskEmpty = null,
    UInt128? Fingerprint = null, string? Id = null);
