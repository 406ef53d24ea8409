using DataScrub.Findings;

namespace DataScrub.Rebuild;

/// <summary>
/// A finding about a part of the source (a file of an HDF5 list, a list entry, a damaged store table) that the
/// drop rule does not cover, so the copy would keep the defect or silently lose the part: nothing is written.
/// The command line says which drop rule would leave the part out.
/// </summary>
/// <param name="part">The file or entry as the source names it.</param>
/// <param name="isEntry">The part is an entry of a list (named by its sample id), not a file.</param>
/// <param name="sourceHasFiles">The source keeps files of samples (an HDF5 list), which can be left out whole.</param>
public sealed class UncoveredFindingException(string part, Finding finding, bool isEntry, bool sourceHasFiles)
    : RebuildException($"{part}: {finding.Message}; the drop rule does not cover {finding.Kind.Name}; nothing was written", isUsage: false)
{
    public string Part { get; } = part;

    public Finding Finding { get; } = finding;

    public bool IsEntry { get; } = isEntry;

    public bool SourceHasFiles { get; } = sourceHasFiles;
}
