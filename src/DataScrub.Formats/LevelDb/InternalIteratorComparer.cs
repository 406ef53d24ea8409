namespace DataScrub.Formats.LevelDb;

/// <summary>Orders sources by their current internal key: user key ascending, newest first.</summary>
internal sealed class InternalIteratorComparer : IComparer<IInternalIterator>
{
    public static readonly InternalIteratorComparer Instance = new();

    public int Compare(IInternalIterator? x, IInternalIterator? y) =>
        InternalKey.Compare(x!.UserKey, x.Trailer, y!.UserKey, y.Trailer);
}
