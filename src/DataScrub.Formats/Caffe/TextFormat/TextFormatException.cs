namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>
/// A text-format document that is not valid for its message type: a syntax error, a value of the wrong type or
/// out of range, a repeated non-repeated field. The message reads <c>SOURCE:LINE:COLUMN: problem</c>, quoting the
/// offending token.
/// </summary>
public sealed class TextFormatException : DataScrubException
{
    public TextFormatException(string source, TextPosition position, string problem)
        : base($"{source}:{position}: {problem}")
    {
        Source = source;
        Line = position.Line;
        Column = position.Column;
        Problem = problem;
    }

    /// <summary>The name the document was given to the parser (a path, usually).</summary>
    /// <remarks>Hides <see cref="Exception.Source"/> (the faulting assembly's name, which says nothing here) so
    /// that the document's name reads like the other positional properties.</remarks>
    public new string Source { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without its <c>SOURCE:LINE:COLUMN: </c> prefix.</summary>
    public string Problem { get; }
}
