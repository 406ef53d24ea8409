namespace DataScrub.Rebuild;

/// <summary>The destination exists and replacing it was not asked for (<see cref="RebuildRequest.Force"/>); the
/// command line says which option would replace it.</summary>
public sealed class DestinationExistsException(string destination)
    : RebuildException($"{destination}: exists; replacing it was not asked for", isUsage: true)
{
    public string Destination { get; } = destination;
}
