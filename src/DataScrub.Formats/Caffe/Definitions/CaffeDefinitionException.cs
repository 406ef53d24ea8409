namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>A prototxt file that cannot be read or parsed; the message names the file (and the line and column of a
/// syntax error).</summary>
public sealed class CaffeDefinitionException(string message) : DataScrubException(message);
