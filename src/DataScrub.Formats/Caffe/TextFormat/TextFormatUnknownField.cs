namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// A field name that <paramref name="MessageType"/> does not have, such as a Caffe fork's layer parameter
/// (SSD's <c>prior_box_param</c>). Its value (scalar, list or nested block) was checked for syntax and skipped;
/// the names inside a skipped block are not listed on their own.
/// </summary>
/// <param name="MessageType">The full proto name of the message the field was written in (<c>caffe.LayerParameter</c>).</param>
/// <param name="Position">Where the field's name is written.</param>
public sealed record TextFormatUnknownField(string Name, string MessageType, TextPosition Position);
