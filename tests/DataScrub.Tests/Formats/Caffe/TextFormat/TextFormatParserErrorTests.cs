using System.Diagnostics;
using CsCheck;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>Malformed documents: each problem is a <see cref="TextFormatException"/> at the right place, naming
/// it; damaged documents never raise anything else and never hang.</summary>
public class TextFormatParserErrorTests
{
    private static TextFormatException ParseNetFails(string text) =>
        Assert.Throws<TextFormatException>(() => TextFormatParser.Parse<NetParameter>(text, "net.prototxt"));

    private static TextFormatException ParseSolverFails(string text) =>
        Assert.Throws<TextFormatException>(() => TextFormatParser.Parse<SolverParameter>(text, "solver.prototxt"));

    private static void AssertAt(TextFormatException error, int line, int column, params string[] words)
    {
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.StartsWith($"{error.Source}:{line}:{column}: ", error.Message);
        foreach (var word in words) Assert.Contains(word, error.Message);
    }

    [Fact]
    public void Parse_NonRepeatedFieldTwice_IsSpecifiedMoreThanOnce()
    {
        var error = ParseSolverFails("base_lr: 0.1\nmax_iter: 10\n  base_lr: 0.2\n");

        AssertAt(error, 3, 3, "'base_lr'", "specified more than once", "caffe.SolverParameter", "first at 1:1");
        Assert.Equal("solver.prototxt", error.Source);
    }

    [Fact]
    public void Parse_NonRepeatedMessageTwice_IsSpecifiedMoreThanOnce()
    {
        AssertAt(ParseNetFails("layer { pooling_param { pool: MAX } pooling_param { pool: AVE } }"), 1, 37, "'pooling_param'", "more than once");
    }

    [Theory]
    [InlineData("name: \"abc", 1, 7, "not closed", "end of the text")]
    [InlineData("name: \"abc\ninput: \"x\"", 1, 7, "not closed", "end of the line")]
    [InlineData("name: 'abc\"", 1, 7, "not closed")]
    [InlineData("name: \"ab\\\"", 1, 7, "not closed")]
    public void Parse_UnterminatedString_SaysWhereItStarts(string text, int line, int column, params string[] words)
    {
        AssertAt(ParseNetFails(text), line, column, words);
    }

    [Fact]
    public void Parse_UnterminatedBlock_PointsAtItsOpener()
    {
        AssertAt(ParseNetFails("name: \"n\"\nlayer {\n  name: \"a\"\n  convolution_param {\n  }\n"), 2, 7, "'{'", "never closed", "6:1");
    }

    [Fact]
    public void Parse_UnterminatedList_PointsAtItsOpener()
    {
        AssertAt(ParseNetFails("input: [\"a\", \"b\""), 1, 8, "'['", "never closed");
    }

    [Theory]
    [InlineData("layer { name: \"a\" >", 1, 19, "'>'", "cannot close", "'{' at 1:7")]
    [InlineData("name: \"a\" }", 1, 11, "'}'", "closes no block")]
    [InlineData("layer < name: \"a\" }", 1, 19, "'}'", "expected '>'")]
    public void Parse_WrongCloser_IsAnError(string text, int line, int column, params string[] words)
    {
        AssertAt(ParseNetFails(text), line, column, words);
    }

    [Fact]
    public void Parse_ScalarWithoutColon_IsAnError()
    {
        AssertAt(ParseSolverFails("max_iter 10"), 1, 10, "expected ':'", "'max_iter'", "'10'");
    }

    [Fact]
    public void Parse_MessageWithoutBlock_IsAnError()
    {
        AssertAt(ParseNetFails("state: TRAIN"), 1, 8, "'{' or '<'", "'state'", "'TRAIN'");
    }

    [Theory]
    [InlineData("max_iter: 1.5", 1, 11, "expected an integer", "'max_iter' (int32)", "'1.5'")]
    [InlineData("max_iter: \"10\"", 1, 11, "expected an integer", "'\"10\"'")]
    [InlineData("max_iter: ten", 1, 11, "expected an integer", "'ten'")]
    [InlineData("base_lr: \"0.1\"", 1, 10, "expected a number", "'base_lr' (float)")]
    [InlineData("base_lr: fast", 1, 10, "expected a number", "'fast'")]
    [InlineData("base_lr: 0x10", 1, 10, "'0x10'", "decimal")]
    [InlineData("base_lr: 010", 1, 10, "'010'", "decimal")]
    [InlineData("net: 10", 1, 6, "expected a quoted string", "'net' (string)")]
    [InlineData("debug_info: yes", 1, 13, "expected true or false", "'yes'")]
    [InlineData("debug_info: 2", 1, 13, "expected true or false", "'2'")]
    [InlineData("debug_info: TRUE", 1, 13, "expected true or false", "'TRUE'")]
    [InlineData("solver_mode: \"GPU\"", 1, 14, "expected a name or number of caffe.SolverParameter.SolverMode")]
    [InlineData("max_iter: -inf", 1, 12, "expected an integer", "'inf'")]
    public void Parse_ValueOfWrongType_IsAnError(string text, int line, int column, params string[] words)
    {
        AssertAt(ParseSolverFails(text), line, column, words);
    }

    [Theory]
    [InlineData("max_iter: 2147483648", 1, 11, "out of range", "2147483648", "int32")]
    [InlineData("max_iter: -2147483649", 1, 12, "out of range", "-2147483649")]
    [InlineData("max_iter: 0x80000000", 1, 11, "out of range")]
    [InlineData("random_seed: 9223372036854775808", 1, 14, "out of range", "int64")]
    [InlineData("random_seed: -9223372036854775809", 1, 15, "out of range")]
    [InlineData("random_seed: 99999999999999999999999", 1, 14, "out of range")]
    public void Parse_IntegerOutOfRange_IsAnError(string text, int line, int column, params string[] words)
    {
        AssertAt(ParseSolverFails(text), line, column, words);
    }

    [Theory]
    [InlineData("layer { convolution_param { num_output: 4294967296 } }", 1, 41, "out of range", "uint32")]
    [InlineData("layer { convolution_param { num_output: -1 } }", 1, 41, "unsigned", "'-'")]
    public void Parse_UnsignedOutOfRange_IsAnError(string text, int line, int column, params string[] words)
    {
        AssertAt(ParseNetFails(text), line, column, words);
    }

    [Theory]
    [InlineData("solver_mode: GPUS", 1, 14, "'GPUS'", "not a value of caffe.SolverParameter.SolverMode", "CPU, GPU")]
    [InlineData("solver_mode: gpu", 1, 14, "'gpu'", "not a value")]
    [InlineData("solver_mode: 7", 1, 14, "7 is not a number of caffe.SolverParameter.SolverMode")]
    public void Parse_UnknownEnumValue_IsAnError(string text, int line, int column, params string[] words)
    {
        AssertAt(ParseSolverFails(text), line, column, words);
    }

    [Fact]
    public void Parse_ExtensionName_IsAnError()
    {
        AssertAt(ParseNetFails("name: \"n\"\n[caffe.ext] { a: 1 }"), 2, 1, "'['", "extension");
    }

    [Fact]
    public void Parse_ListForNonRepeatedField_IsAnError()
    {
        AssertAt(ParseSolverFails("max_iter: [1, 2]"), 1, 11, "'['", "list", "'max_iter'", "not a repeated field");
        AssertAt(ParseNetFails("state: [{ phase: TRAIN }]"), 1, 8, "'['", "not a repeated field");
    }

    [Theory]
    [InlineData("name: \"a\" $", 1, 11, "unexpected character '$'")]
    [InlineData("name: \"a\"\n  @layer", 2, 3, "'@'")]
    [InlineData("name: \"a\" \u0001", 1, 11, "U+0001")]
    [InlineData("max_iter: 10x", 1, 11, "'10x'", "not a number")]
    [InlineData("base_lr: 1.5.2", 1, 10, "'1.5.2'")]
    [InlineData("base_lr: 1e", 1, 10, "exponent")]
    [InlineData("max_iter: 0x", 1, 11, "hex digits")]
    [InlineData("max_iter: 019", 1, 11, "octal")]
    [InlineData("max_iter: 10 20", 1, 14, "expected a field name", "'20'")]
    [InlineData("max_iter: 10,, base_lr: 1", 1, 14, "expected a field name", "','")]
    [InlineData("net: \"a\\q\"", 1, 6, "unknown escape '\\q'")]
    [InlineData("net: \"\\x\"", 1, 6, "'\\x'", "no hex digits")]
    [InlineData("net: \"\\u12\"", 1, 6, "'\\u'", "4 hex digits")]
    [InlineData("net: \"\\ud800\"", 1, 6, "not a Unicode scalar value")]
    [InlineData("net: \"\\U00110000\"", 1, 6, "not a Unicode scalar value")]
    [InlineData("net: \"\\777\"", 1, 6, "over \\377")]
    [InlineData("net: \"\\377\"", 1, 6, "not valid UTF-8")]
    public void Parse_Garbage_IsAnError(string text, int line, int column, params string[] words)
    {
        AssertAt(ParseSolverFails(text), line, column, words);
    }

    [Fact]
    public void Parse_UnknownFieldWithBadValue_IsStillASyntaxError()
    {
        AssertAt(ParseNetFails("fork_param: { a: [1, 2 }"), 1, 24, "expected ',' or ']'");
        AssertAt(ParseNetFails("fork_param 5"), 1, 12, "expected ':' or a block");
    }

    [Fact]
    public void Parse_NestingDeeperThan100_IsAnError()
    {
        // NetParameter.layer and LayerParameter have no self-nesting; an unknown field's blocks can nest without end.
        var deep = "fork " + string.Concat(Enumerable.Repeat("{ a ", 99)) + "{ b: 1 " + string.Concat(Enumerable.Repeat("} ", 100));
        var tooDeep = "fork " + string.Concat(Enumerable.Repeat("{ a ", 100)) + "{ b: 1 " + string.Concat(Enumerable.Repeat("} ", 101));
        var stackBuster = "fork " + string.Concat(Enumerable.Repeat("{ a ", 100_000));

        Assert.Single(TextFormatParser.Parse<NetParameter>(deep, "deep.prototxt").UnknownFields);
        AssertAt(ParseNetFails(tooDeep), 1, 6 + 4 * 100, "'{'", "deeper than 100");
        AssertAt(ParseNetFails(stackBuster), 1, 6 + 4 * 100, "deeper than 100");
    }

    [Fact]
    public void Parse_MissingRequiredField_IsAnError()
    {
        // ClipParameter's min and max are proto2 required fields; C++ TextFormat::Parse (Caffe) refuses the net.
        AssertAt(ParseNetFails("layer {\n  name: \"clip\"\n  clip_param { min: -1 }\n}"), 3, 3, "caffe.ClipParameter", "required field 'max'");
        Assert.Equal(1f, TextFormatParser.Parse<NetParameter>("layer { clip_param { min: -1 max: 1 } }", "clip.prototxt").Message.Layer[0].ClipParam.Max);
    }

    [Fact]
    public void Parse_ErrorMessage_QuotesALongTokenShortened()
    {
        var error = ParseSolverFails("max_iter: \"" + new string('x', 500) + "\"");

        Assert.Contains("...'", error.Message);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    /// <summary>Valid documents to damage: random printed nets and solvers, and the real files.</summary>
    private static readonly Gen<(string Text, bool IsSolver)> ValidDocuments = Gen.OneOf(
        ProtoMessageGen.Of<NetParameter>(maxDepth: 4, maxFields: 6).Select(n => (DataScrub.Formats.Caffe.TextFormat.TextFormatPrinter.Print(n), false)),
        ProtoMessageGen.Of<SolverParameter>(maxDepth: 3, maxFields: 10).Select(s => (DataScrub.Formats.Caffe.TextFormat.TextFormatPrinter.Print(s), true)),
        Gen.Int.Select(seed => ScrambledTextFormatPrinter.Print(new NetParameter { Layer = { new LayerParameter { Name = "a\u00e9", Type = "Convolution", ConvolutionParam = new() { NumOutput = 3, WeightFiller = new() { Std = 0.01f } } } } }, seed)).Select(t => (t, false)),
        Gen.OneOf(BvlcFiles.All.Where(f => f.Length < 6000).ToArray()).Select(f => (File.ReadAllText(BvlcFiles.FullPath(f)), BvlcFiles.IsSolver(f))));

    private static readonly string[] Insertions = ["{", "}", "<", ">", "[", "]", ":", ",", ";", "-", "\"", "'", "\\", "#", "\n", " ", "0x", "9", ".", "e", "a", "inf", "\\x", "\\u", "[a]", "\u0000", "é", "{ {", "layer {"];

    /// <summary>One damage: cut the end, overwrite a character, delete a span (often a whole token), or insert a token-ish string.</summary>
    private static readonly Gen<Func<string, string>> Damage = Gen.OneOf(
        Gen.Double[0, 1].Select(f => (Func<string, string>)(t => t[..(int)(t.Length * f)])),
        Gen.Double[0, 1].Select(Gen.Char).Select((f, c) => (Func<string, string>)(t => t.Length == 0 ? t : string.Concat(t.AsSpan(0, Position(t, f)), c.ToString(), t.AsSpan(Position(t, f) + 1)))),
        Gen.Double[0, 1].Select(Gen.Int[1, 12]).Select((f, n) => (Func<string, string>)(t => t.Length == 0 ? t : t.Remove(Position(t, f), Math.Min(n, t.Length - Position(t, f))))),
        Gen.Double[0, 1].Select(Gen.OneOf(Insertions)).Select((f, s) => (Func<string, string>)(t => t.Insert(Position(t, f), s))));

    private static int Position(string text, double fraction) => Math.Max(0, Math.Min(text.Length - 1, (int)(text.Length * fraction)));

    [Fact]
    public void Parse_DamagedDocument_SucceedsOrThrowsTextFormatExceptionQuickly()
    {
        Gen.Select(ValidDocuments, Damage.Array[1, 4]).Sample((document, damages) =>
        {
            var text = damages.Aggregate(document.Text, (t, damage) => damage(t));
            var clock = Stopwatch.StartNew();
            try
            {
                if (document.IsSolver) TextFormatParser.Parse<SolverParameter>(text, "damaged.prototxt");
                else TextFormatParser.Parse<NetParameter>(text, "damaged.prototxt");
            }
            catch (TextFormatException error)
            {
                Assert.StartsWith("damaged.prototxt:", error.Message);
                Assert.InRange(error.Line, 1, text.Count(c => c == '\n') + 1);
                Assert.True(error.Column >= 1);
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        }, iter: 2000, print: t => t.Item1.Text);
    }
}
