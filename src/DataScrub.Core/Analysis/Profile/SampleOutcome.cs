namespace DataScrub.Analysis.Profile;

/// <summary>The worst severity among one sample's findings, as the report gives them (after <c>--severity</c>).</summary>
public enum SampleOutcome
{
    Clean,

    /// <summary>Warnings only.</summary>
    Warning,

    /// <summary>At least one error.</summary>
    Error,
}
