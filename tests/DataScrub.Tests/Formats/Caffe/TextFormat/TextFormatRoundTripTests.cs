using CsCheck;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using Google.Protobuf;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>
/// Print, parse, compare: random messages of the two types Caffe reads from text survive the canonical printer
/// and every spelling of the scrambled one. Messages are compared by their serialized bytes, which is bit
/// equality for floats (NaN is not Equal to itself, and -0 is Equal to 0).
/// </summary>
public class TextFormatRoundTripTests
{
    private static readonly Gen<NetParameter> Nets = ProtoMessageGen.Of<NetParameter>(maxDepth: 4, maxFields: 6);
    private static readonly Gen<SolverParameter> Solvers = ProtoMessageGen.Of<SolverParameter>(maxDepth: 4, maxFields: 12);

    /// <summary>Nets whose layers are what a net is mostly made of: several LayerParameters (or legacy V1 layers) with random *_param blocks.</summary>
    private static readonly Gen<NetParameter> LayeredNets =
        from net in Nets
        from layers in ProtoMessageGen.Of<LayerParameter>(maxDepth: 3, maxFields: 8).List[1, 5]
        from legacy in ProtoMessageGen.Of<V1LayerParameter>(maxDepth: 3, maxFields: 8).List[0, 2]
        select With(net, layers, legacy);

    private static NetParameter With(NetParameter net, List<LayerParameter> layers, List<V1LayerParameter> legacy)
    {
        net.Layer.AddRange(layers);
        net.Layers.AddRange(legacy);
        return net;
    }

    [Fact]
    public void Print_RandomNet_ParsesBackToTheSameBytes()
    {
        Gen.OneOf(Nets, LayeredNets).Sample(net => AssertRoundTrip(net, TextFormatPrinter.Print(net)), iter: 400, print: TextFormatPrinter.Print);
    }

    [Fact]
    public void Print_RandomSolver_ParsesBackToTheSameBytes()
    {
        Solvers.Sample(solver => AssertRoundTrip(solver, TextFormatPrinter.Print(solver)), iter: 400, print: TextFormatPrinter.Print);
    }

    [Fact]
    public void Parse_ScrambledSpellingOfRandomNet_GivesTheSameBytes()
    {
        Gen.Select(LayeredNets, Gen.Int).Sample((net, seed) => AssertRoundTrip(net, ScrambledTextFormatPrinter.Print(net, seed)),
            iter: 400, print: t => ScrambledTextFormatPrinter.Print(t.Item1, t.Item2));
    }

    [Fact]
    public void Parse_ScrambledSpellingOfRandomSolver_GivesTheSameBytes()
    {
        Gen.Select(Solvers, Gen.Int).Sample((solver, seed) => AssertRoundTrip(solver, ScrambledTextFormatPrinter.Print(solver, seed)),
            iter: 400, print: t => ScrambledTextFormatPrinter.Print(t.Item1, t.Item2));
    }

    [Fact]
    public void Print_Floats_AreShortestRoundTripAndNamedWhenNotFinite()
    {
        var solver = new SolverParameter { BaseLr = 0.01f, Momentum = float.NaN, Gamma = float.NegativeInfinity, Power = -0f, WeightDecay = 1e-45f, Delta = float.PositiveInfinity };

        Assert.Equal("base_lr: 0.01\ngamma: -inf\npower: -0\nmomentum: nan\nweight_decay: 1E-45\ndelta: inf\n", TextFormatPrinter.Print(solver));
    }

    [Fact]
    public void Print_NestedMessagesAndStrings_IndentsAndEscapes()
    {
        var net = new NetParameter { Name = "a\"b\\c\n\u0001é" };
        net.Layer.Add(new LayerParameter { Name = "pool", PoolingParam = new PoolingParameter { Pool = PoolingParameter.Types.PoolMethod.Max } });

        Assert.Equal("name: \"a\\\"b\\\\c\\n\\001é\"\nlayer {\n  name: \"pool\"\n  pooling_param {\n    pool: MAX\n  }\n}\n", TextFormatPrinter.Print(net));
    }

    private static void AssertRoundTrip<T>(T expected, string text) where T : IMessage<T>, new()
    {
        var document = TextFormatParser.Parse<T>(text, "generated.prototxt");

        Assert.Empty(document.UnknownFields);
        Assert.Equal(Convert.ToHexString(expected.ToByteArray()), Convert.ToHexString(document.Message.ToByteArray()));
    }
}
