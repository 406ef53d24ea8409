namespace DataScrub.Formats.RecordStores;

/// <summary>A new key/value store being written in increasing key order (LMDB, LevelDB).</summary>
public interface IRecordStoreWriter : IDisposable
{
    long Count { get; }

    void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Finishes the store, flushed to disk.</summary>
    void Complete();
}
