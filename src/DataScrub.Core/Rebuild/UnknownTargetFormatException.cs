namespace DataScrub.Rebuild;

/// <summary>The format asked to write (<see cref="RebuildRequest.To"/>) is not one this build has.</summary>
public sealed class UnknownTargetFormatException(string name, IReadOnlyList<string> known)
    : RebuildException($"{name}: not a format this build writes ({string.Join(", ", known)})", isUsage: true)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Known { get; } = known;
}
