namespace DataScrub.Rebuild;

/// <summary>
/// A part of the source that a rebuild leaves out whole, because a finding is about it rather than about one
/// sample: a file of an HDF5 list that Caffe refuses (with every sample it held), or a list entry that names
/// no readable file (a missing HDF5 file, a listfile line naming no image: no samples).
/// </summary>
/// <param name="Name">The file or entry as the source names it.</param>
/// <param name="Kinds">The kinds of the findings that made it go.</param>
/// <param name="Reason">The first such finding's message.</param>
/// <param name="FirstIndex">Storage-order index of its first sample; -1 when it held none.</param>
/// <param name="Samples">The samples it held, all left out.</param>
public sealed record DroppedFile(string Name, IReadOnlyList<string> Kinds, string Reason, long FirstIndex, long Samples)
{
    public bool Holds(long index) => index >= FirstIndex && index < FirstIndex + Samples;
}
