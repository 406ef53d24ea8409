using DataScrub.Formats.Caffe.TextFormat;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>One parsed prototxt file: its message, where each part of it was written (for findings that name a line),
/// and the fields it had that BVLC Caffe does not define.</summary>
public sealed record PrototxtDocument<T>(string Path, T Message, TextFormatLocations Locations, IReadOnlyList<TextFormatUnknownField> UnknownFields)
    where T : IMessage<T>
{
    /// <summary>The line a field of <paramref name="message"/> is written on, else the line the message starts on.</summary>
    public int? LineOf(IMessage message, int? fieldNumber = null) =>
        (fieldNumber is { } field ? Locations.Of(message, field) : null)?.Line ?? Locations.Of(message)?.Line;
}
