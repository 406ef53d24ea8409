namespace DataScrub.Samples;

/// <summary>
/// A reader-owned buffer behind a sample's bytes, handed back once the pipeline is done with the
/// sample (after its checks ran), so readers that must materialise records (decompressed LevelDB
/// blocks) can recycle buffers instead of leaving gigabytes to the garbage collector. Released exactly
/// once per sample that carries it; a sample that is never released is simply garbage-collected.
/// </summary>
public interface IRecordLease
{
    void Release();
}
