using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// Parses protobuf text format (Caffe's prototxt) into generated messages through their descriptors, accepting
/// what protobuf's C++ <c>TextFormat::Parse</c> accepts, except that a field the message type does not have is
/// skipped and reported (<see cref="TextFormatDocument{T}.UnknownFields"/>) rather than fatal: Caffe forks add
/// layer parameters that a scan should still read past.
/// </summary>
public static class TextFormatParser
{
    /// <summary>Deeper blocks are refused rather than risking the stack; protobuf's own limit.</summary>
    public const int MaxDepth = 100;

    /// <summary>Parses a whole document into a new <typeparamref name="T"/>.</summary>
    /// <param name="source">The document's name for error messages (a path, usually).</param>
    /// <exception cref="TextFormatException">Any problem with the text; no other exception comes from the text.</exception>
    public static TextFormatDocument<T> Parse<T>(string text, string source) where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var message = new T();
        var session = new Session(new TextFormatTokenStream(text, source));
        session.Locations.AddMessage(message, new TextPosition(1, 1));
        session.ParseFields(message, depth: 0, opener: null);
        return new TextFormatDocument<T>(message, session.UnknownFields, session.Locations);
    }

    /// <summary>The state of one parse: the tokens and what has been recorded so far.</summary>
    private sealed class Session(TextFormatTokenStream tokens)
    {
        public List<TextFormatUnknownField> UnknownFields { get; } = [];

        public TextFormatLocations Locations { get; } = new();

        /// <summary>Fields up to the closing symbol of <paramref name="opener"/> (its '{' or '&lt;'), or up to the end of the text at the root.</summary>
        public void ParseFields(IMessage message, int depth, TextFormatToken? opener)
        {
            var seen = new HashSet<int>();
            while (!AtBlockEnd(opener))
                ParseField(message, depth, seen);
            RequireRequiredFields(message);
        }

        /// <summary>
        /// proto2 <c>required</c> fields (caffe.proto has two, ClipParameter's min and max) must be written:
        /// C++ <c>TextFormat::Parse</c>, which Caffe calls, rejects a message without them (Python's parser does not,
        /// but then cannot serialize it).
        /// </summary>
        private void RequireRequiredFields(IMessage message)
        {
            foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
            {
                if (field.IsRequired && !field.Accessor.HasValue(message))
                    throw tokens.Error(Locations.Of(message) ?? new TextPosition(1, 1),
                        $"{message.Descriptor.FullName} lacks its required field '{field.Name}'");
            }
        }

        /// <summary>True (and the closer consumed) at the end of the block <paramref name="opener"/> opened.</summary>
        private bool AtBlockEnd(TextFormatToken? opener)
        {
            var token = tokens.Current;
            if (opener is not { } open)
            {
                if (token.Kind == TextFormatTokenKind.End) return true;
                if (token.IsSymbol('}') || token.IsSymbol('>'))
                    throw tokens.Error(token, $"{token.Quoted} closes no block");
                return false;
            }
            var closer = open.IsSymbol('<') ? '>' : '}';
            if (token.Kind == TextFormatTokenKind.End)
                throw tokens.Error(open, $"'{open.Text}' is never closed: the text ends at {token.Position} without its '{closer}'");
            if (tokens.TryConsume(closer)) return true;
            if (token.IsSymbol('}') || token.IsSymbol('>'))
                throw tokens.Error(token, $"{token.Quoted} cannot close the '{open.Text}' at {open.Position}; expected '{closer}'");
            return false;
        }

        private void ParseField(IMessage message, int depth, HashSet<int> seen)
        {
            var name = tokens.Current;
            if (name.IsSymbol('['))
                throw tokens.Error(name, "'[': extension and Any fields ([name]) are not supported; caffe.proto has none");
            if (name.Kind != TextFormatTokenKind.Identifier)
                throw tokens.Error(name, $"expected a field name, got {name.Quoted}");
            tokens.Advance();
            var descriptor = message.Descriptor;
            var field = descriptor.FindFieldByName(name.Text);
            if (field is null)
            {
                UnknownFields.Add(new TextFormatUnknownField(name.Text, descriptor.FullName, name.Position));
                SkipValue(name, depth);
            }
            else
            {
                if (!field.IsRepeated && !seen.Add(field.FieldNumber))
                    throw tokens.Error(name, $"'{name.Text}' is specified more than once in {descriptor.FullName} (first at {Locations.Of(message, field.FieldNumber)}); it is not a repeated field");
                Locations.AddField(message, field.FieldNumber, name.Position);
                if (field.FieldType is FieldType.Message or FieldType.Group) ParseMessageValue(message, field, name, depth);
                else ParseScalarValue(message, field, name);
            }
            if (!tokens.TryConsume(';')) tokens.TryConsume(',');
        }

        private void ParseMessageValue(IMessage message, FieldDescriptor field, TextFormatToken name, int depth)
        {
            if (tokens.TryConsume(':') && tokens.Current.IsSymbol('['))
            {
                RequireRepeated(field);
                ReadList(() => ParseBlock(message, field, name, depth));
                return;
            }
            ParseBlock(message, field, name, depth);
        }

        private void ParseBlock(IMessage message, FieldDescriptor field, TextFormatToken name, int depth)
        {
            var opener = tokens.Current;
            if (!IsBlockOpener(opener))
                throw tokens.Error(opener, $"expected '{{' or '<' to open {TextFormatScalars.Describe(field)}, got {opener.Quoted}");
            if (depth + 1 > MaxDepth)
                throw tokens.Error(opener, $"{opener.Quoted} opens a block deeper than {MaxDepth} levels");
            tokens.Advance();
            // An empty message of the field's type: the descriptor offers no public factory, and parsing no bytes makes one.
            var child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
            Locations.AddMessage(child, name.Position);
            if (field.IsRepeated) ((IList)field.Accessor.GetValue(message)).Add(child);
            else field.Accessor.SetValue(message, child);
            ParseFields(child, depth + 1, opener);
        }

        private void ParseScalarValue(IMessage message, FieldDescriptor field, TextFormatToken name)
        {
            if (!tokens.TryConsume(':'))
                throw tokens.Error(tokens.Current, $"expected ':' after '{name.Text}', got {tokens.Current.Quoted}");
            if (tokens.Current.IsSymbol('['))
            {
                RequireRepeated(field);
                var list = (IList)field.Accessor.GetValue(message);
                ReadList(() => list.Add(TextFormatScalars.Read(tokens, field)));
                return;
            }
            var value = TextFormatScalars.Read(tokens, field);
            if (field.IsRepeated) ((IList)field.Accessor.GetValue(message)).Add(value);
            else field.Accessor.SetValue(message, value);
        }

        private void RequireRepeated(FieldDescriptor field)
        {
            if (!field.IsRepeated)
                throw tokens.Error(tokens.Current, $"'[': a list for {TextFormatScalars.Describe(field)}, which is not a repeated field");
        }

        /// <summary>'[' item (',' item)* ']' or '[]', the '[' being current.</summary>
        private void ReadList(Action readItem)
        {
            var open = tokens.Advance();
            if (tokens.TryConsume(']')) return;
            while (true)
            {
                readItem();
                if (tokens.TryConsume(']')) return;
                if (tokens.Current.Kind == TextFormatTokenKind.End)
                    throw tokens.Error(open, $"'[' is never closed: the text ends at {tokens.Current.Position} without its ']'");
                if (!tokens.TryConsume(','))
                    throw tokens.Error(tokens.Current, $"expected ',' or ']' in the list opened at {open.Position}, got {tokens.Current.Quoted}");
            }
        }

        /// <summary>Skips the value of an unknown field after its name: ': scalar', ': [list]', or a block with or without ':'.</summary>
        private void SkipValue(TextFormatToken name, int depth)
        {
            var colon = tokens.TryConsume(':');
            if (IsBlockOpener(tokens.Current))
            {
                SkipBlock(depth);
                return;
            }
            if (!colon)
                throw tokens.Error(tokens.Current, $"expected ':' or a block after '{name.Text}', got {tokens.Current.Quoted}");
            if (tokens.Current.IsSymbol('['))
            {
                ReadList(() =>
                {
                    if (IsBlockOpener(tokens.Current)) SkipBlock(depth);
                    else TextFormatScalars.Skip(tokens);
                });
                return;
            }
            TextFormatScalars.Skip(tokens);
        }

        private void SkipBlock(int depth)
        {
            var opener = tokens.Current;
            if (depth + 1 > MaxDepth)
                throw tokens.Error(opener, $"{opener.Quoted} opens a block deeper than {MaxDepth} levels");
            tokens.Advance();
            while (!AtBlockEnd(opener))
            {
                var name = tokens.Current;
                if (name.Kind != TextFormatTokenKind.Identifier)
                    throw tokens.Error(name, $"expected a field name, got {name.Quoted}");
                tokens.Advance();
                SkipValue(name, depth + 1);
                if (!tokens.TryConsume(';')) tokens.TryConsume(',');
            }
        }

        private static bool IsBlockOpener(TextFormatToken token) => token.IsSymbol('{') || token.IsSymbol('<');
    }
}
