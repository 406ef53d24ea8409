using DataScrub.Formats.Caffe.Definitions;
using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Tests.Formats.Caffe.Definitions;

public class NetStateRulesTests
{
    private static LayerParameter With(Action<LayerParameter> set)
    {
        var layer = new LayerParameter { Name = "l", Type = "ReLU" };
        set(layer);
        return layer;
    }

    [Fact]
    public void NoRules_InEveryPhase()
    {
        var layer = With(_ => { });
        Assert.True(NetStateRules.Includes(layer, new NetState { Phase = Phase.Train }));
        Assert.True(NetStateRules.Includes(layer, new NetState { Phase = Phase.Test }));
    }

    [Fact]
    public void Include_OnlyInItsPhase_Exclude_EverywhereElse()
    {
        var train = With(l => l.Include.Add(new NetStateRule { Phase = Phase.Train }));
        var notTest = With(l => l.Exclude.Add(new NetStateRule { Phase = Phase.Test }));
        Assert.True(NetStateRules.Includes(train, new NetState { Phase = Phase.Train }));
        Assert.False(NetStateRules.Includes(train, new NetState { Phase = Phase.Test }));
        Assert.True(NetStateRules.Includes(notTest, new NetState { Phase = Phase.Train }));
        Assert.False(NetStateRules.Includes(notTest, new NetState { Phase = Phase.Test }));
    }

    [Fact]
    public void LevelsAndStages_AsCaffeStateMeetsRule()
    {
        var rule = new NetStateRule { MinLevel = 1, MaxLevel = 2 };
        rule.Stage.Add("deploy");
        rule.NotStage.Add("debug");
        var state = new NetState { Phase = Phase.Test, Level = 1 };
        Assert.False(NetStateRules.Meets(state, rule)); // stage missing
        state.Stage.Add("deploy");
        Assert.True(NetStateRules.Meets(state, rule));
        state.Level = 3;
        Assert.False(NetStateRules.Meets(state, rule));
        state.Level = 2;
        state.Stage.Add("debug");
        Assert.False(NetStateRules.Meets(state, rule));
    }

    [Fact]
    public void StateFor_MergesTheNetsStateAndTheSolversTrainState_PhaseWins()
    {
        var net = new NetParameter { State = new NetState { Phase = Phase.Test, Level = 1 } };
        net.State.Stage.Add("a");
        var solver = new NetState { Level = 4 };
        solver.Stage.Add("b");
        var state = NetStateRules.StateFor(Phase.Train, net, solver);
        Assert.Equal(Phase.Train, state.Phase);
        Assert.Equal(4, state.Level);
        Assert.Equal(["a", "b"], state.Stage);
    }
}
