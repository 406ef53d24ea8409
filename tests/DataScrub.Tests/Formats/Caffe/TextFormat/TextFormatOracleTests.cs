using CsCheck;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using Google.Protobuf;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>
/// The parser against the reference: Python's google.protobuf text_format (ProtobufPythonOracle) reads the same
/// documents, and its serialized bytes must equal ours byte for byte; what Python prints must read back to the
/// same bytes here; what Python rejects, we reject.
/// </summary>
public class TextFormatOracleTests
{
    private const string Net = "caffe.NetParameter";
    private const string Solver = "caffe.SolverParameter";

    [Fact]
    public void Parse_BvlcFiles_GivesPythonsBytes()
    {
        var cases = BvlcFiles.All
            .Select(f => new PythonTextFormatCase(f, BvlcFiles.IsSolver(f) ? Solver : Net, File.ReadAllText(BvlcFiles.FullPath(f))))
            .ToList();

        AssertSameAsPython(cases);
    }

    [Fact]
    public void Parse_GeneratedDocuments_GivesPythonsBytes()
    {
        // A new sample every run; a difference names the document and shows its text.
        var nets = ProtoMessageGen.Of<NetParameter>(maxDepth: 4, maxFields: 6).Array[150].Single();
        var solvers = ProtoMessageGen.Of<SolverParameter>(maxDepth: 4, maxFields: 12).Array[150].Single();
        var cases = nets.Select((m, i) => new PythonTextFormatCase($"net {i}", Net, TextFormatPrinter.Print(m)))
            .Concat(solvers.Select((m, i) => new PythonTextFormatCase($"solver {i}", Solver, TextFormatPrinter.Print(m))))
            .ToList();

        AssertSameAsPython(cases);
    }

    [Fact]
    public void Parse_DocumentsPythonRejects_AreRejectedHereToo()
    {
        string[] solvers =
        [
            "base_lr: 0.1 base_lr: 0.2",
            "max_iter: 2147483648",
            "max_iter: 1.5",
            "solver_mode: FAST",
            "solver_mode: 7",
            "max_iter: [1, 2]",
            "net: \"abc",
            "max_iter 10",
            "debug_info: 2",
            "net: \"\\377\"",
            "net_param { layer { name: \"a\" } ",
            "[caffe.x]: 1",
            "base_lr: 1x",
        ];
        // Not here, because Python accepts them and C++ TextFormat::Parse (Caffe's reader, which we follow) does not:
        // an unknown escape "\q" (Python keeps the backslash and the q), a missing required field (Python's Parse
        // does not check; its SerializeToString then raises). Parse_Garbage_IsAnError and
        // Parse_MissingRequiredField_IsAnError pin our behaviour.
        var cases = solvers.Select((t, i) => new PythonTextFormatCase($"bad {i}", Solver, t)).ToList();

        var (python, versions) = ProtobufPythonOracle.Parse(cases);

        foreach (var c in cases)
        {
            Assert.False(python[c.Name].Ok, $"{versions} accepts {c.Text}");
            Assert.Throws<TextFormatException>(() => TextFormatParser.Parse<SolverParameter>(c.Text, c.Name));
        }
    }

    /// <summary>
    /// Where Python's text_format (4.21, pure-Python parser over either backend) and C++'s TextFormat::Parse (what
    /// Caffe calls) disagree, we follow C++; each row pins both readings, so a change on either side shows here.
    /// </summary>
    [Theory]
    [InlineData("net: \"a\\qb\"", "unknown escape: Python keeps backslash and letter, C++'s tokenizer rejects it")]
    [InlineData("base_lr: 010", "an octal-looking integer for a float: Python reads decimal 10, C++ wants a decimal number")]
    [InlineData("base_lr: - 3", "a space after '-': Python's tokenizer wants the sign glued to the number, C++'s reads '-' as a token of its own")]
    [InlineData("base_lr: 3.40282351e38", "just above 3.4028235e38: Python casts (float.MaxValue), C++'s SafeDoubleToFloat gives infinity")]
    [InlineData("net_param { layer { clip_param { min: 0 } } }", "a missing required field: Python's Parse does not check, C++'s Parse fails")]
    public void Parse_WherePythonDiffersFromCpp_FollowsCpp(string text, string why)
    {
        var (python, versions) = ProtobufPythonOracle.Parse([new PythonTextFormatCase("case", Solver, text)]);
        var result = python["case"];
        byte[]? ours;
        try
        {
            ours = TextFormatParser.Parse<SolverParameter>(text, "case").Message.ToByteArray();
        }
        catch (TextFormatException)
        {
            ours = null;
        }

        var pythonReading = result.Ok ? result.Hex : "rejected";
        var ourReading = ours is null ? "rejected" : Convert.ToHexStringLower(ours);
        Assert.True(pythonReading != ourReading, $"{versions} and we now agree on {text} ({ourReading}); the difference was: {why}");
        var cpp = text switch
        {
            "base_lr: - 3" => "2d000040c0",
            "base_lr: 3.40282351e38" => "2d0000807f",
            _ => "rejected",
        };
        Assert.Equal(cpp, ourReading);
    }

    private static void AssertSameAsPython(List<PythonTextFormatCase> cases)
    {
        var (python, versions) = ProtobufPythonOracle.Parse(cases);

        var differences = new List<string>();
        foreach (var c in cases)
        {
            var result = python[c.Name];
            if (!result.Ok)
            {
                differences.Add($"{c.Name}: {versions} rejects it: {result.Error}");
                continue;
            }
            var ours = Convert.ToHexStringLower(Parse(c.Type, c.Text, c.Name));
            if (ours != result.Hex)
                differences.Add($"{c.Name}: bytes differ\n  ours:   {ours}\n  python: {result.Hex}\n{c.Text}");
            var fromPythonsPrinting = Convert.ToHexStringLower(Parse(c.Type, result.Printed!, c.Name + " (printed by python)"));
            if (fromPythonsPrinting != result.Hex)
                differences.Add($"{c.Name}: python's printing reads back to other bytes\n  ours:   {fromPythonsPrinting}\n  python: {result.Hex}\n{result.Printed}");
        }

        Assert.True(differences.Count == 0, $"{differences.Count} of {cases.Count} documents differ from {versions}:\n{string.Join("\n", differences.Take(10))}");
    }

    private static byte[] Parse(string type, string text, string source) => type switch
    {
        Net => TextFormatParser.Parse<NetParameter>(text, source).Message.ToByteArray(),
        Solver => TextFormatParser.Parse<SolverParameter>(text, source).Message.ToByteArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
