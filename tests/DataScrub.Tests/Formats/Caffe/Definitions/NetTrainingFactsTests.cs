using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;
using static DataScrub.Tests.Formats.Caffe.Definitions.NetDefinitions;

namespace DataScrub.Tests.Formats.Caffe.Definitions;

public class NetTrainingFactsTests
{
    private const string Work = "/work/dir";

    private static LayerParameter LmdbData(string source, Phase phase, int batch) => Layer("data", "Data", [], ["data", "label"], l =>
    {
        l.Include.Add(new NetStateRule { Phase = phase });
        l.DataParam = new DataParameter { Source = source, Backend = DataParameter.Types.DB.Lmdb, BatchSize = (uint)batch };
        l.TransformParam = new TransformationParameter { CropSize = 28, MeanFile = "mean.binaryproto" };
    });

    [Fact]
    public void LeNetShape_SourceBatchCropMean_ClassesFromTheLastInnerProduct()
    {
        var net = Of(
            LmdbData("train_lmdb", Phase.Train, 64),
            LmdbData("test_lmdb", Phase.Test, 100),
            Layer("ip1", "InnerProduct", ["data"], ["ip1"], l => l.InnerProductParam = new InnerProductParameter { NumOutput = 500 }),
            Layer("relu1", "ReLU", ["ip1"], ["ip1"]),
            Layer("ip2", "InnerProduct", ["ip1"], ["ip2"], l => l.InnerProductParam = new InnerProductParameter { NumOutput = 10 }),
            Layer("drop", "Dropout", ["ip2"], ["ip2"]),
            Layer("loss", "SoftmaxWithLoss", ["ip2", "label"], ["loss"], l => l.LossParam = new LossParameter { IgnoreLabel = 255 }));
        var facts = NetTrainingFacts.Of(net, net.LayersIn(NetStateRules.StateFor(Phase.Train, net.Net)), Work);
        var source = Assert.Single(facts.Sources);
        Assert.Equal(("lmdb", "/work/dir/train_lmdb", 64, 28, "/work/dir/mean.binaryproto"), (source.Format, source.Path, source.BatchSize, source.CropSize, source.MeanFile));
        Assert.Equal(10, facts.NumClasses);
        Assert.Equal("layer 'ip2' (InnerProduct)", facts.NumClassesFrom);
        Assert.Equal(255, facts.IgnoreLabel);
        Assert.False(facts.BatchNormalizedLoss);
    }

    [Fact]
    public void DataLayerBackend_DefaultsToLevelDb_AsCaffes()
    {
        var net = Of(Layer("data", "Data", [], ["data", "label"], l => l.DataParam = new DataParameter { Source = "/abs/db", BatchSize = 8, CropSize = 5 }));
        var source = Assert.Single(NetTrainingFacts.Of(net, net.Layers, Work).Sources);
        Assert.Equal(("leveldb", "/abs/db", 5), (source.Format, source.Path, source.CropSize));
    }

    [Fact]
    public void Hdf5Data_TopsBecomeDataAndLabel_ThroughTheLoss_FcnShape()
    {
        var net = Of(
            Layer("data", "HDF5Data", [], ["img", "seg"], l => l.Hdf5DataParam = new HDF5DataParameter { Source = "list.txt", BatchSize = 2 }),
            Layer("score", "Convolution", ["img"], ["score"], l => l.ConvolutionParam = new ConvolutionParameter { NumOutput = 21 }),
            Layer("up", "Deconvolution", ["score"], ["up"], l => l.ConvolutionParam = new ConvolutionParameter { NumOutput = 21 }),
            Layer("crop", "Crop", ["up", "img"], ["crop"]),
            Layer("loss", "InfogainLoss", ["crop", "seg"], ["loss"]));
        var facts = NetTrainingFacts.Of(net, net.Layers, Work);
        var source = Assert.Single(facts.Sources);
        Assert.Equal(["img"], source.DataTops);
        Assert.Equal("seg", source.LabelTop);
        Assert.Equal(21, facts.NumClasses);
        Assert.Equal("layer 'up' (Deconvolution)", facts.NumClassesFrom);
    }

    [Fact]
    public void ImageData_RootAndResize_NoCropCheckWhenResizedFirst()
    {
        var net = Of(Layer("data", "ImageData", [], ["data", "label"], l =>
        {
            l.ImageDataParam = new ImageDataParameter { Source = "list.txt", RootFolder = "imgs/", BatchSize = 4, NewHeight = 256, NewWidth = 256 };
            l.TransformParam = new TransformationParameter { CropSize = 227 };
        }));
        var source = Assert.Single(NetTrainingFacts.Of(net, net.Layers, Work).Sources);
        Assert.Equal(("images", "/work/dir/imgs/", 0), (source.Format, source.Root, source.CropSize));
    }

    [Fact]
    public void PythonDiceLoss_IsBatchNormalized_UnreadableDataLayersAreSaid()
    {
        var net = Of(
            Layer("win", "WindowData", [], ["data", "label"]),
            Layer("mem", "MemoryData", [], ["data2", "label2"]),
            Layer("score", "Convolution", ["data"], ["score"], l => l.ConvolutionParam = new ConvolutionParameter { NumOutput = 2 }),
            Layer("loss", "Python", ["score", "label"], ["loss"], l =>
            {
                l.PythonParam = new PythonParameter { Module = "losses", Layer = "DiceLoss" };
                l.LossWeight.Add(1);
            }));
        var facts = NetTrainingFacts.Of(net, net.Layers, Work);
        Assert.True(facts.BatchNormalizedLoss);
        Assert.Equal(2, facts.NumClasses);
        Assert.Empty(facts.Sources);
        Assert.Equal(2, facts.NotScanned.Count);
    }

    [Fact]
    public void NoClassLoss_NoClasses()
    {
        var net = Of(Layer("ip", "InnerProduct", ["data"], ["ip"], l => l.InnerProductParam = new InnerProductParameter { NumOutput = 3 }),
            Layer("loss", "EuclideanLoss", ["ip", "target"], ["loss"]));
        var facts = NetTrainingFacts.Of(net, net.Layers, Work);
        Assert.Null(facts.NumClasses);
        Assert.Null(facts.Loss);
    }
}
