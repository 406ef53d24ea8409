namespace DataScrub.Fuzz.Harnesses;

/// <summary>Every harness, by name: the list <c>fuzz/run.sh</c> and the corpus replay test draw from.</summary>
public static class FuzzHarnesses
{
    public static IReadOnlyList<IFuzzHarness> All { get; } =
    [
        new DatumHarness(),
        new LevelDbBlockHarness(),
        new LevelDbTableHarness(),
        new LevelDbLogHarness(),
        new LevelDbManifestHarness(),
        new LmdbHarness(),
        new Hdf5Harness(),
        new ListFileHarness(),
        new Hdf5ListHarness(),
        .. ImageHarness.All,
        new MeanFileHarness(),
        new PrototxtHarness(),
    ];

    public static IFuzzHarness? Find(string name) => All.FirstOrDefault(h => h.Name == name);
}
