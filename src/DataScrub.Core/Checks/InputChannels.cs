using DataScrub.Records;

namespace DataScrub.Checks;

/// <summary>
/// Where a sample's input data is and how it splits into channels, as the per-channel statistics and the per-channel
/// NaN/Inf counts both read it: the first field that is not a label; axis 1 of C x H x W (the format's channels, or
/// the record's declared shape when the field must match it), one channel when the layout gives none.
/// </summary>
public static class InputChannels
{
    /// <summary>The index of the input data field, or -1 when every field is a label (or there is none).</summary>
    public static int FieldIndex(SampleContent content, ReadOnlySpan<byte> record)
    {
        for (var i = 0; i < content.FieldCount; i++)
            if (!content.GetField(i, record).IsLabel) return i;
        return -1;
    }

    /// <summary>The channels <paramref name="field"/> (the input data) splits into, each a run of
    /// elements / channels values; 0 when it does not split (its size disagrees with the declared shape, which
    /// <c>shape-mismatch</c> reports, or is not a multiple of the channels).</summary>
    public static int Count(SampleContent content, TensorField field)
    {
        var elements = field.ElementCount;
        int channels;
        if (content.DataChannels is { } known) channels = known;
        else if (content.DeclaredShape is { } shape && field.MustMatchDeclaredShape)
        {
            if ((long)shape.Channels * shape.Height * shape.Width != elements) return 0;
            channels = shape.Channels;
        }
        else channels = 1;
        return channels <= 0 || elements % channels != 0 ? 0 : channels;
    }
}
