using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using Google.Protobuf;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>Every prototxt of BVLC Caffe's examples and model zoo reads as what Caffe reads it as, with no field unknown.</summary>
public class TextFormatRealFileTests
{
    public static TheoryData<string> Files() => BvlcFiles.Theory();

    [Fact]
    public void Fixtures_HoldAllBvlcFiles()
    {
        Assert.Equal(54, BvlcFiles.All.Count);
        Assert.Equal(25, BvlcFiles.All.Count(BvlcFiles.IsSolver));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_BvlcFile_HasNoUnknownFieldAndPrintsBackToTheSameMessage(string file)
    {
        var text = File.ReadAllText(BvlcFiles.FullPath(file));

        if (BvlcFiles.IsSolver(file)) AssertParses<SolverParameter>(text, file);
        else AssertParses<NetParameter>(text, file);
    }

    private static void AssertParses<T>(string text, string file) where T : IMessage<T>, new()
    {
        var document = TextFormatParser.Parse<T>(text, file);

        Assert.Empty(document.UnknownFields);
        Assert.NotEqual(new T(), document.Message);
        var reprinted = TextFormatParser.Parse<T>(TextFormatPrinter.Print(document.Message), file + " (printed)");
        Assert.Equal(document.Message, reprinted.Message);
    }

    [Fact]
    public void Parse_LeNet_ReadsItsLayers()
    {
        var net = TextFormatParser.Parse<NetParameter>(File.ReadAllText(BvlcFiles.FullPath("examples/mnist/lenet_train_test.prototxt")), "lenet").Message;

        Assert.Equal("LeNet", net.Name);
        Assert.Equal(["mnist", "mnist", "conv1", "pool1", "conv2", "pool2", "ip1", "relu1", "ip2", "accuracy", "loss"], net.Layer.Select(l => l.Name));
        Assert.Equal(Phase.Train, net.Layer[0].Include[0].Phase);
        Assert.Equal(0.00390625f, net.Layer[0].TransformParam.Scale);
        Assert.Equal(PoolingParameter.Types.PoolMethod.Max, net.Layer[3].PoolingParam.Pool);
    }

    [Fact]
    public void Parse_LeNetSolver_ReadsItsSchedule()
    {
        var solver = TextFormatParser.Parse<SolverParameter>(File.ReadAllText(BvlcFiles.FullPath("examples/mnist/lenet_solver.prototxt")), "lenet_solver").Message;

        Assert.Equal("examples/mnist/lenet_train_test.prototxt", solver.Net);
        Assert.Equal(0.01f, solver.BaseLr);
        Assert.Equal("inv", solver.LrPolicy);
        Assert.Equal(10000, solver.MaxIter);
        Assert.Equal(SolverParameter.Types.SolverMode.Gpu, solver.SolverMode);
    }
}
