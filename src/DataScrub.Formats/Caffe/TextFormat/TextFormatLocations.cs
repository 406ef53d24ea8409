using Google.Protobuf;

namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// Where the messages and fields of one parsed document are written, so that a later check (a layer's
/// <c>bottom</c> that no layer produces) can point at a line. Messages are looked up by reference: the
/// instances the parser created, not equal copies.
/// </summary>
public sealed class TextFormatLocations
{
    private readonly Dictionary<IMessage, TextPosition> _messages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IMessage, Dictionary<int, TextPosition>> _fields = new(ReferenceEqualityComparer.Instance);

    /// <summary>Where <paramref name="message"/> starts: 1:1 for the document's root, the field name's position
    /// for a nested block; null for a message this document did not create.</summary>
    public TextPosition? Of(IMessage message) => _messages.TryGetValue(message, out var position) ? position : null;

    /// <summary>Where the first occurrence of field <paramref name="fieldNumber"/> is written in
    /// <paramref name="message"/> (its name's position); null when the field was not written there.</summary>
    public TextPosition? Of(IMessage message, int fieldNumber) =>
        _fields.TryGetValue(message, out var fields) && fields.TryGetValue(fieldNumber, out var position) ? position : null;

    internal void AddMessage(IMessage message, TextPosition position) => _messages[message] = position;

    internal void AddField(IMessage message, int fieldNumber, TextPosition position)
    {
        if (!_fields.TryGetValue(message, out var fields))
            _fields[message] = fields = new Dictionary<int, TextPosition>();
        fields.TryAdd(fieldNumber, position);
    }
}
