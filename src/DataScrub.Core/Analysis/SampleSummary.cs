namespace DataScrub.Analysis;

/// <summary>The little a worker keeps of a sample for dataset-level analysis (bounded: no payload).</summary>
/// <param name="Label">The class label, when the record has one and could be decoded.</param>
/// <param name="Readable">False when the record could not be decoded.</param>
/// <param name="ImageChannels">Colour channels of the sample's image, when it is one (1 grayscale, 3/4 colour).</param>
public readonly record struct SampleSummary(long? Label, bool Readable, int? ImageChannels = null);
