namespace DataScrub.Findings;

/// <summary>Where a check reports what it found in the sample it is inspecting. The sink already knows
/// which sample that is.</summary>
public interface IFindingSink
{
    void Report(FindingKind kind, string? field, long? count, long? index, string message);
}
