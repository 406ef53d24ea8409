using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>One check of a net definition: pure, it reads only the definition and the files it names.</summary>
public interface INetCheck
{
    IEnumerable<Finding> Check(NetDefinition net, LintContext context);
}
