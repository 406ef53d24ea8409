using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using Google.Protobuf;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>What the parser accepts, spelling by spelling, and what it records beside the message.</summary>
public class TextFormatParserTests
{
    private static SolverParameter Solver(string text) => TextFormatParser.Parse<SolverParameter>(text, "solver.prototxt").Message;

    private static NetParameter Net(string text) => TextFormatParser.Parse<NetParameter>(text, "net.prototxt").Message;

    [Fact]
    public void Parse_CommentsSeparatorsAndWhitespace_AreIgnored()
    {
        var solver = Solver("# a solver\r\nnet: \"train.prototxt\"; # the net\n\tbase_lr:0.01,max_iter : 100\n");

        Assert.Equal("train.prototxt", solver.Net);
        Assert.Equal(0.01f, solver.BaseLr);
        Assert.Equal(100, solver.MaxIter);
    }

    [Theory]
    [InlineData("layer { name: \"a\" pooling_param { pool: AVE } }")]
    [InlineData("layer: { name: \"a\" pooling_param: { pool: AVE } }")]
    [InlineData("layer < name: \"a\" pooling_param < pool: AVE > >")]
    [InlineData("layer: [ { name: \"a\", pooling_param { pool: AVE } } ]")]
    [InlineData("layer { name: 'a' pooling_param { pool: 1 } };")]
    public void Parse_BlockStyles_GiveTheSameLayer(string text)
    {
        var layer = Assert.Single(Net(text).Layer);

        Assert.Equal("a", layer.Name);
        Assert.Equal(PoolingParameter.Types.PoolMethod.Ave, layer.PoolingParam.Pool);
    }

    [Fact]
    public void Parse_RepeatedFields_AppendFromEveryOccurrenceAndList()
    {
        var solver = Solver("stepvalue: 1 stepvalue: [2, 3] stepvalue: [] stepvalue: 0x10 stepvalue: 010");

        Assert.Equal([1, 2, 3, 16, 8], solver.Stepvalue);
    }

    [Fact]
    public void Parse_LegacyV1Layers_AreTheLayersField()
    {
        var net = Net("layers { name: \"conv1\" type: CONVOLUTION bottom: \"data\" top: \"conv1\" blobs_lr: 1 blobs_lr: 2 convolution_param { num_output: 20 kernel_size: 5 } }");

        var layer = Assert.Single(net.Layers);
        Assert.Equal(V1LayerParameter.Types.LayerType.Convolution, layer.Type);
        Assert.Equal([1f, 2f], layer.BlobsLr);
        Assert.Equal(20u, layer.ConvolutionParam.NumOutput);
    }

    [Theory]
    [InlineData("1", 1f)]
    [InlineData("1.5", 1.5f)]
    [InlineData(".5", 0.5f)]
    [InlineData("5.", 5f)]
    [InlineData("1e-8", 1e-8f)]
    [InlineData("1E+2", 100f)]
    [InlineData("1.5f", 1.5f)]
    [InlineData("2F", 2f)]
    [InlineData("-0.25", -0.25f)]
    [InlineData("- 3", -3f)]
    [InlineData("inf", float.PositiveInfinity)]
    [InlineData("-Infinity", float.NegativeInfinity)]
    [InlineData("INF", float.PositiveInfinity)]
    [InlineData("1e400", float.PositiveInfinity)]
    [InlineData("0.1", 0.1f)]
    public void Parse_FloatSpellings_GiveTheFloat(string text, float expected)
    {
        Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(Solver("base_lr: " + text).BaseLr));
    }

    [Theory]
    [InlineData("3.4028234663852886e38", float.MaxValue)]
    [InlineData("3.4028235e38", float.MaxValue)]
    [InlineData("-3.4028235e38", float.MinValue)]
    [InlineData("3.40282351e38", float.PositiveInfinity)]
    [InlineData("-3.4028236e38", float.NegativeInfinity)]
    public void Parse_FloatBeyondMaxValue_IsInfinityFromWhereProtobufSaysSo(string text, float expected)
    {
        // A plain cast would round 3.40282351e38 down to MaxValue; protobuf (io::SafeDoubleToFloat) makes it infinity.
        Assert.Equal(expected, Solver("base_lr: " + text).BaseLr);
    }

    [Fact]
    public void Parse_NanAndNegativeZero_KeepTheirBits()
    {
        Assert.Equal(0x7FC0_0000u, BitConverter.SingleToUInt32Bits(Solver("base_lr: NaN").BaseLr));
        Assert.Equal(0x8000_0000u, BitConverter.SingleToUInt32Bits(Solver("base_lr: -0").BaseLr));
    }

    [Fact]
    public void Parse_FloatField_StoresTheDoubleCastToFloat()
    {
        // Like protobuf: the text is read as a double, then cast. 16777217 is not a float; the cast rounds to even.
        Assert.Equal(16777216f, Solver("base_lr: 16777217").BaseLr);
    }

    [Theory]
    [InlineData("2147483647", 2147483647)]
    [InlineData("-2147483648", -2147483648)]
    [InlineData("0x7fffffff", 2147483647)]
    [InlineData("-0x80000000", -2147483648)]
    [InlineData("017", 15)]
    [InlineData("0", 0)]
    public void Parse_Int32Spellings_GiveTheValue(string text, int expected)
    {
        Assert.Equal(expected, Solver("max_iter: " + text).MaxIter);
    }

    [Fact]
    public void Parse_Int64AndUInt32Extremes_AreInRange()
    {
        Assert.Equal(long.MinValue, Solver("random_seed: -9223372036854775808").RandomSeed);
        Assert.Equal(long.MaxValue, Solver("random_seed: 0x7FFFFFFFFFFFFFFF").RandomSeed);
        Assert.Equal(uint.MaxValue, Net("layer { convolution_param { num_output: 4294967295 } }").Layer[0].ConvolutionParam.NumOutput);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("t", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("f", false)]
    [InlineData("0", false)]
    public void Parse_BoolSpellings_GiveTheBool(string text, bool expected)
    {
        var solver = Solver("debug_info: " + text);

        Assert.True(solver.HasDebugInfo);
        Assert.Equal(expected, solver.DebugInfo);
    }

    [Theory]
    [InlineData(@"""a\nb""", "a\nb")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"""\t\r\a\b\f\v\\\'\""\?""", "\t\r\a\b\f\v\\'\"?")]
    [InlineData(@"""\101\0\12""", "A\0\n")]
    [InlineData(@"""\x41\x7""", "A\u0007")]
    [InlineData(@"""\u00e9\U0001F600""", "é😀")]
    [InlineData(@"""\ud83d\ude00""", "😀")]
    [InlineData(@"""\303\251""", "é")]
    [InlineData(@"""a"" 'b' ""c""", "abc")]
    [InlineData(@"""中 # not a comment""", "中 # not a comment")]
    public void Parse_StringLiterals_UnescapeLikeProtobuf(string literal, string expected)
    {
        Assert.Equal(expected, Solver("net: " + literal).Net);
    }

    [Fact]
    public void Parse_BytesField_EscapesGiveRawBytes()
    {
        var datum = TextFormatParser.Parse<Datum>(@"data: ""\377\x00a"" ""\xfe""", "datum.prototxt").Message;

        Assert.Equal([0xFF, 0x00, (byte)'a', 0xFE], datum.Data.ToByteArray());
    }

    [Fact]
    public void Parse_EnumsByNameAndNumber_GiveTheValue()
    {
        Assert.Equal(SolverParameter.Types.SolverMode.Cpu, Solver("solver_mode: CPU").SolverMode);
        Assert.Equal(SolverParameter.Types.SolverMode.Cpu, Solver("solver_mode: 0").SolverMode);
        Assert.Equal(Phase.Test, Net("state { phase: TEST }").State.Phase);
    }

    [Fact]
    public void Parse_UnknownFields_AreSkippedAndRecorded()
    {
        const string text = """
            name: "ssd"
            layer {
              name: "mbox_priorbox"
              type: "PriorBox"
              prior_box_param { min_size: 30.0 aspect_ratio: [2, 3] variance: 0.1 nested { deeper: "x" } flip: true }
              fork_flag: -inf
              fork_list: [1, "two", { a: 1 }]
              fork_enum: SOMETHING
              top: "mbox_priorbox"
            }
            """;

        var document = TextFormatParser.Parse<NetParameter>(text, "ssd.prototxt");

        Assert.Equal(
            [new("prior_box_param", "caffe.LayerParameter", new(5, 3)), new("fork_flag", "caffe.LayerParameter", new(6, 3)),
             new("fork_list", "caffe.LayerParameter", new(7, 3)), new("fork_enum", "caffe.LayerParameter", new(8, 3))],
            document.UnknownFields);
        var layer = Assert.Single(document.Message.Layer);
        Assert.Equal("PriorBox", layer.Type);
        Assert.Equal(["mbox_priorbox"], layer.Top);
    }

    [Fact]
    public void Parse_Locations_PointAtMessagesAndFieldNames()
    {
        const string text = "name: \"n\"\nlayer {\n  name: \"a\"\n  top: \"x\"\n  top: \"y\"\n}\n  layer { convolution_param { num_output: 1 } }\n";

        var document = TextFormatParser.Parse<NetParameter>(text, "net.prototxt");

        var net = document.Message;
        Assert.Equal(new TextPosition(1, 1), document.Locations.Of(net));
        Assert.Equal(new TextPosition(2, 1), document.Locations.Of(net, NetParameter.LayerFieldNumber));
        Assert.Equal(new TextPosition(2, 1), document.Locations.Of(net.Layer[0]));
        Assert.Equal(new TextPosition(4, 3), document.Locations.Of(net.Layer[0], LayerParameter.TopFieldNumber));
        Assert.Equal(new TextPosition(7, 3), document.Locations.Of(net.Layer[1]));
        Assert.Equal(new TextPosition(7, 11), document.Locations.Of(net.Layer[1].ConvolutionParam));
        Assert.Equal(new TextPosition(7, 31), document.Locations.Of(net.Layer[1].ConvolutionParam, ConvolutionParameter.NumOutputFieldNumber));
        Assert.Null(document.Locations.Of(net.Layer[0], LayerParameter.BottomFieldNumber));
        Assert.Null(document.Locations.Of(net.Layer[0].Clone()));
        Assert.Equal("7:31", document.Locations.Of(net.Layer[1].ConvolutionParam, ConvolutionParameter.NumOutputFieldNumber).ToString());
    }

    [Fact]
    public void Parse_EmptyAndCommentOnlyDocuments_GiveAnEmptyMessage()
    {
        Assert.Equal(new NetParameter(), Net(""));
        Assert.Equal(new NetParameter(), Net("  # nothing\n\n"));
    }

    [Fact]
    public void Parse_ExplicitDefault_IsPresent()
    {
        // proto2 presence: writing the default value sets the field, and it is serialized.
        var layer = Net("layer { convolution_param { bias_term: true } }").Layer[0];

        Assert.True(layer.ConvolutionParam.HasBiasTerm);
        Assert.NotEmpty(layer.ConvolutionParam.ToByteArray());
    }
}
