namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>A parsed text-format document: the message, the fields it skipped and where everything was written.</summary>
public sealed record TextFormatDocument<T>(T Message, IReadOnlyList<TextFormatUnknownField> UnknownFields, TextFormatLocations Locations);
