namespace DataScrub.Rebuild;

/// <summary>The target format refused the request before the scan (<see cref="IDatasetRebuilder.Refusal"/>).</summary>
public sealed class RebuildRefusedException(RebuildRefusal refusal) : RebuildException(refusal.Reason, isUsage: true)
{
    public RebuildRefusal Refusal { get; } = refusal;
}
