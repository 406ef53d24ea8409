using DataScrub.Findings;
using DataScrub.Formats.Caffe.Lint;
using DataScrub.Formats.Caffe.Proto;
using static DataScrub.Tests.Formats.Caffe.Definitions.NetDefinitions;

namespace DataScrub.Tests.Formats.Caffe.Lint;

/// <summary>The net checks on nets built in code: which layouts they flag, with what severity and field.</summary>
public class NetChecksTests
{
    private static readonly LintContext Context = new(Directory.GetCurrentDirectory());

    private static LayerParameter Pool(string name, Action<PoolingParameter> set) =>
        Layer(name, "Pooling", ["x"], [name], l => { l.PoolingParam = new PoolingParameter(); set(l.PoolingParam); });

    [Fact]
    public void PoolStride_StrideAboveKernel_InEitherDirection()
    {
        var net = Of(
            Pool("ok", p => { p.KernelSize = 3; p.Stride = 2; }),
            Pool("equal", p => { p.KernelSize = 2; p.Stride = 2; }),
            Pool("wide", p => { p.KernelSize = 2; p.Stride = 3; p.Pool = PoolingParameter.Types.PoolMethod.Ave; }),
            Pool("hw", p => { p.KernelH = 3; p.KernelW = 2; p.StrideH = 1; p.StrideW = 4; }),
            Pool("global", p => { p.GlobalPooling = true; p.Stride = 9; }));
        var findings = new PoolStrideCheck().Check(net, Context).ToList();
        Assert.Equal(["layer[wide].pooling_param.stride", "layer[hw].pooling_param.stride_w"], findings.Select(f => f.Field));
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Contains("AVE", findings[0].Message);
        Assert.Contains("stride 1x4", findings[1].Message);
    }

    private static LayerParameter BatchNorm(string name, Action<BatchNormParameter>? set = null, Phase? phase = null) =>
        Layer(name, "BatchNorm", ["x"], ["x"], l =>
        {
            if (set is not null) { l.BatchNormParam = new BatchNormParameter(); set(l.BatchNormParam); }
            if (phase is { } p) l.Include.Add(new NetStateRule { Phase = p });
        });

    [Fact]
    public void BatchNormEps_ZeroIsAnError_TinyAWarning_DefaultFine()
    {
        var net = Of(BatchNorm("default"), BatchNorm("zero", p => p.Eps = 0), BatchNorm("negative", p => p.Eps = -1e-5f),
            BatchNorm("tiny", p => p.Eps = 1e-10f), BatchNorm("edge", p => p.Eps = 1e-8f), BatchNorm("nan", p => p.Eps = float.NaN));
        var findings = new BatchNormEpsCheck().Check(net, Context).ToList();
        Assert.Equal([("zero", Severity.Error), ("negative", Severity.Error), ("tiny", Severity.Warning), ("nan", Severity.Error)],
            findings.Select(f => (f.Field!.Split(']')[0][6..], f.Severity)));
    }

    [Fact]
    public void BatchNormGlobalStats_OnlyInTheTrainNet()
    {
        var net = Of(BatchNorm("train", p => p.UseGlobalStats = true, Phase.Train), BatchNorm("test", p => p.UseGlobalStats = true, Phase.Test),
            BatchNorm("off", p => p.UseGlobalStats = false));
        var train = new BatchNormEpsCheck().Check(net, Context).ToList();
        Assert.Equal("layer[train].batch_norm_param.use_global_stats", Assert.Single(train).Field);
        Assert.Empty(new BatchNormEpsCheck().Check(net, Context with { Phase = Phase.Test }));
    }

    private static LayerParameter Loss(string name, string type, params float[] weights) =>
        Layer(name, type, ["p", "label"], [name], l => l.LossWeight.AddRange(weights));

    [Fact]
    public void LossWeight_MoreThan100TimesAnother()
    {
        Assert.Empty(new LossWeightCheck().Check(Of(Loss("a", "SoftmaxWithLoss"), Loss("b", "SoftmaxWithLoss", 100)), Context));
        var findings = new LossWeightCheck().Check(Of(Loss("a", "SoftmaxWithLoss"), Loss("b", "EuclideanLoss", 1000), Loss("zero", "SoftmaxWithLoss", 0)), Context).ToList();
        var f = Assert.Single(findings);
        Assert.Equal("layer[b].loss_weight", f.Field);
        Assert.Contains("1000 times the 1 of layer 'a'", f.Message);
        // A weight on a layer that is not a *Loss counts as a loss (Caffe's loss_weight on any top).
        Assert.Single(new LossWeightCheck().Check(Of(Loss("a", "SoftmaxWithLoss", 0.001f), Layer("aux", "InnerProduct", ["x"], ["y"], l => l.LossWeight.Add(1))), Context));
    }

    [Fact]
    public void LossWeight_NonFinite_IsAnError()
    {
        var f = Assert.Single(new LossWeightCheck().Check(Of(Loss("a", "SoftmaxWithLoss", float.PositiveInfinity)), Context));
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public void InfogainProblems_EachDefect()
    {
        double[] identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        Assert.Empty(InfogainMatrixCheck.Problems(identity, [1, 1, 3, 3], 3));
        Assert.Empty(InfogainMatrixCheck.Problems([.. identity.Select(v => v * 2)], [3, 3], null));
        Assert.Contains("the net has 4 classes", Assert.Single(InfogainMatrixCheck.Problems(identity, [3, 3], 4)));
        Assert.Contains("not a K x K", Assert.Single(InfogainMatrixCheck.Problems([1, 2, 3], [3], null)));
        var nan = (double[])identity.Clone();
        nan[5] = double.NaN;
        Assert.Contains("H[1,2] = NaN", Assert.Single(InfogainMatrixCheck.Problems(nan, [3, 3], null)));
        var negative = (double[])identity.Clone();
        negative[1] = -0.5;
        var problems = InfogainMatrixCheck.Problems(negative, [3, 3], null).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains("H[0,1] = -0.5", problems[0]);
        Assert.Contains("row 0 sums to 0.5", problems[1]);
        var silenced = (double[])identity.Clone();
        silenced[8] = 0;
        Assert.Contains("row 2 to 0", Assert.Single(InfogainMatrixCheck.Problems(silenced, [3, 3], null)));
        // Rounding of normalised rows is not a defect.
        Assert.Empty(InfogainMatrixCheck.Problems([0.3333333, 0.3333333, 0.3333334, 0.5, 0.5, 0, 1, 0, 0], [3, 3], null));
    }
}
