using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>
/// <c>pool-stride</c>: a Pooling layer whose stride is larger than its kernel in either direction. The inputs between
/// two windows reach no output (their gradient is 0), and AVE pooling over such a layout has been reported to give NaN.
/// Global pooling has no stride to judge.
/// </summary>
public sealed class PoolStrideCheck : INetCheck
{
    public IEnumerable<Finding> Check(NetDefinition net, LintContext context)
    {
        foreach (var layer in net.Layers.Where(l => l.Type == "Pooling"))
        {
            if (layer.Layer.PoolingParam is not { GlobalPooling: false } pool) continue;
            var kernelH = pool.HasKernelH ? pool.KernelH : pool.KernelSize;
            var kernelW = pool.HasKernelW ? pool.KernelW : pool.KernelSize;
            var strideH = pool.HasStrideH ? pool.StrideH : pool.Stride;
            var strideW = pool.HasStrideW ? pool.StrideW : pool.Stride;
            if (kernelH == 0 || kernelW == 0 || (strideH <= kernelH && strideW <= kernelW)) continue;
            var field = pool.HasStrideH || pool.HasStrideW
                ? (strideH > kernelH ? PoolingParameter.StrideHFieldNumber : PoolingParameter.StrideWFieldNumber)
                : PoolingParameter.StrideFieldNumber;
            var ave = pool.Pool == PoolingParameter.Types.PoolMethod.Ave ? " With AVE pooling this layout has been reported to produce NaN." : "";
            yield return DefinitionFinding.At(FindingKinds.PoolStride, net.Path, net.Document.LineOf(pool, field) ?? net.Document.LineOf(layer.Written),
                $"layer[{layer.Name}].pooling_param.{(field == PoolingParameter.StrideFieldNumber ? "stride" : field == PoolingParameter.StrideHFieldNumber ? "stride_h" : "stride_w")}",
                $"{layer}: stride {strideH}x{strideW} is larger than the kernel {kernelH}x{kernelW}: inputs between windows are never pooled.{ave}");
        }
    }
}
