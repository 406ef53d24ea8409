using DataScrub.Findings;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>Findings about a prototxt file: dataset-level, located by the file and line; <c>field</c> names the
/// prototxt field (<c>layer[pool1].pooling_param.stride</c>).</summary>
public static class DefinitionFinding
{
    public static Finding At(FindingKind kind, string file, int? line, string? field, string message, Severity? severity = null) =>
        new(kind, null, null, field, null, null, message) { File = file, Line = line, Severity = severity ?? kind.Severity };
}
