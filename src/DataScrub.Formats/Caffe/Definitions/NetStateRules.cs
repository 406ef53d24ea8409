using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>Which layers a net built for one state holds: Caffe's <c>Net::FilterNet</c> and <c>StateMeetsRule</c>.
/// A layer with <c>include</c> rules is in when one of them is met; else it is in unless an <c>exclude</c> rule is.</summary>
public static class NetStateRules
{
    public static bool Includes(LayerParameter layer, NetState state) =>
        layer.Include.Count > 0 ? layer.Include.Any(r => Meets(state, r)) : !layer.Exclude.Any(r => Meets(state, r));

    public static bool Meets(NetState state, NetStateRule rule)
    {
        if (rule.HasPhase && rule.Phase != state.Phase) return false;
        if (rule.HasMinLevel && state.Level < rule.MinLevel) return false;
        if (rule.HasMaxLevel && state.Level > rule.MaxLevel) return false;
        if (rule.Stage.Any(s => !state.Stage.Contains(s))) return false;
        if (rule.NotStage.Any(s => state.Stage.Contains(s))) return false;
        return true;
    }

    /// <summary>The state Caffe builds a net in: the phase, then the net's own <c>state</c>, then the solver's
    /// <c>train_state</c>/<c>test_state</c> (later wins), as <c>Solver::InitTrainNet</c> merges them.</summary>
    public static NetState StateFor(Phase phase, NetParameter net, NetState? solverState = null)
    {
        var state = new NetState { Phase = phase };
        if (net.State is { } own) state.MergeFrom(own);
        if (solverState is not null) state.MergeFrom(solverState);
        state.Phase = phase;
        return state;
    }
}
