namespace DataScrub.Rebuild;

/// <summary>
/// A sample decoded into what a Caffe Datum holds, the common ground of the formats that convert into each other:
/// the declared C x H x W, uint8 values or float values, an integral label. The source's format builds it
/// (<see cref="IDatasetRebuilder.ToDatumFields"/>); the target's writer lays it out.
/// </summary>
/// <param name="Encoded">The values are an encoded image (JPEG/PNG bytes in <paramref name="Data"/>), not pixels.</param>
/// <param name="Data">uint8 values (<c>data</c>).</param>
/// <param name="FloatData">float values (<c>float_data</c>).</param>
/// <param name="FloatValues">Which of the two holds the sample's values, when a writer must choose one.</param>
/// <param name="Label">The label, or null when the sample has none.</param>
public sealed record DatumFields(
    int Channels,
    int Height,
    int Width,
    bool Encoded,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<float> FloatData,
    bool FloatValues,
    int? Label);
