using DataScrub.Formats.Caffe.Proto;

namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>A Caffe training definition read from a prototxt file: a solver (<see cref="SolverDefinition"/>) or a
/// net (<see cref="NetDefinition"/>).</summary>
public abstract record CaffeDefinition(string Path)
{
    /// <summary>"caffe-solver" or "caffe-net": the report's format for the file.</summary>
    public abstract string Kind { get; }
}

/// <summary>A solver prototxt (SolverParameter).</summary>
public sealed record SolverDefinition(PrototxtDocument<SolverParameter> Document) : CaffeDefinition(Document.Path)
{
    public const string KindName = "caffe-solver";

    public override string Kind => KindName;

    public SolverParameter Solver => Document.Message;
}

/// <summary>A net prototxt (NetParameter), or the net a solver holds inline (<c>net_param</c>, <c>train_net_param</c>).</summary>
public sealed record NetDefinition(PrototxtDocument<NetParameter> Document) : CaffeDefinition(Document.Path)
{
    public const string KindName = "caffe-net";

    public override string Kind => KindName;

    public NetParameter Net => Document.Message;

    /// <summary>Every layer in file order, the legacy <c>layers {}</c> form upgraded as Caffe upgrades it.</summary>
    public IReadOnlyList<NetLayer> Layers { get; } = NetLayer.AllOf(Document.Message);

    /// <summary>The layers a net built for <paramref name="state"/> holds (Caffe's <c>Net::FilterNet</c>).</summary>
    public IReadOnlyList<NetLayer> LayersIn(NetState state) => [.. Layers.Where(l => NetStateRules.Includes(l.Layer, state))];
}
