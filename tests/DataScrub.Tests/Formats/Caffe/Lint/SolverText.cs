using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;

namespace DataScrub.Tests.Formats.Caffe.Lint;

/// <summary>A solver prototxt read as <c>datascrub lint</c> reads it: the text-format parser.</summary>
internal static class SolverText
{
    public static SolverParameter Parse(string text) => TextFormatParser.Parse<SolverParameter>(text, "solver.prototxt").Message;

    public static SolverParameter ParseFile(string path) => TextFormatParser.Parse<SolverParameter>(File.ReadAllText(path), path).Message;
}
