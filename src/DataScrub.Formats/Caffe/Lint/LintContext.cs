using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary>What a lint judges with: the directory Caffe runs in (relative paths in a prototxt resolve from it), the
/// phase whose net is checked for training-only mistakes, and the solver's train_state when a solver led to the net.</summary>
public sealed record LintContext(string WorkDirectory, Phase Phase = Phase.Train, NetState? TrainState = null)
{
    /// <summary>The state Caffe builds <paramref name="net"/> in for <see cref="Phase"/>.</summary>
    public NetState StateFor(NetDefinition net) => NetStateRules.StateFor(Phase, net.Net, Phase == Phase.Train ? TrainState : null);
}
