using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Tests.Formats.Caffe.Definitions;

public class V1LayerUpgradeTests
{
    [Fact]
    public void Upgrade_TypeNameAndSharedFields_AsCaffeUpgradeV1LayerParameter()
    {
        var v1 = new V1LayerParameter
        {
            Name = "pool1",
            Type = V1LayerParameter.Types.LayerType.Pooling,
            PoolingParam = new PoolingParameter { KernelSize = 2, Stride = 3, Pool = PoolingParameter.Types.PoolMethod.Ave },
        };
        v1.Bottom.Add("conv1");
        v1.Top.Add("pool1");
        v1.Include.Add(new NetStateRule { Phase = Phase.Train });
        v1.LossWeight.Add(0.5f);
        v1.BlobsLr.Add(1);
        var layer = V1LayerUpgrade.Upgrade(v1);
        Assert.Equal("Pooling", layer.Type);
        Assert.Equal("pool1", layer.Name);
        Assert.Equal(["conv1"], layer.Bottom);
        Assert.Equal(["pool1"], layer.Top);
        Assert.Equal(Phase.Train, Assert.Single(layer.Include).Phase);
        Assert.Equal([0.5f], layer.LossWeight);
        Assert.Same(v1.PoolingParam, layer.PoolingParam); // by reference: the parser's lines stay findable
    }

    [Theory]
    [InlineData(V1LayerParameter.Types.LayerType.Data, "Data")]
    [InlineData(V1LayerParameter.Types.LayerType.ImageData, "ImageData")]
    [InlineData(V1LayerParameter.Types.LayerType.Hdf5Data, "HDF5Data")]
    [InlineData(V1LayerParameter.Types.LayerType.SoftmaxLoss, "SoftmaxWithLoss")]
    [InlineData(V1LayerParameter.Types.LayerType.InfogainLoss, "InfogainLoss")]
    [InlineData(V1LayerParameter.Types.LayerType.InnerProduct, "InnerProduct")]
    [InlineData(V1LayerParameter.Types.LayerType.None, "")]
    public void TypeName_IsCaffes(V1LayerParameter.Types.LayerType type, string name) => Assert.Equal(name, V1LayerUpgrade.TypeName(type));

    [Fact]
    public void EveryV1Type_HasAName()
    {
        foreach (var value in V1LayerParameter.Descriptor.FindFieldByName("type").EnumType.Values.Where(v => v.Name != "NONE"))
            Assert.NotEqual("", V1LayerUpgrade.TypeName((V1LayerParameter.Types.LayerType)value.Number));
    }
}
