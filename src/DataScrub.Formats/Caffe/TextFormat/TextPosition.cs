namespace DataScrub.Formats.Caffe.TextFormat;

/// <summary>A place in a text-format document: 1-based line and column (the column counts UTF-16 characters,
/// a tab is one).</summary>
public readonly record struct TextPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
