namespace DataScrub.Tests.Shared;

/// <summary>The committed fixtures (see fixtures/README.md), by name.</summary>
public static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([RepositoryRoot, "fixtures", .. parts]);

    public static class Lmdb
    {
        /// <summary>40 records: clean raw and float Datums plus 9 planted defects.</summary>
        public static string Mixed => Path("lmdb", "caffe_mixed");

        public static string MixedExpected => Path("lmdb", "caffe_mixed.expected.json");

        /// <summary>20 clean raw Datums.</summary>
        public static string Clean => Path("lmdb", "caffe_clean");

        public static string CleanExpected => Path("lmdb", "caffe_clean.expected.json");
    }

    public static class LevelDb
    {
        /// <summary>The 40 caffe_mixed LMDB records as plyvel left them: tables on L0, L1 and L2, a live log,
        /// overwritten and deleted keys (fixtures/README.md).</summary>
        public static string Mixed => Path("leveldb", "caffe_mixed");

        public static string MixedLive => Path("leveldb", "caffe_mixed.live.json");

        public static string MixedExpected => Path("leveldb", "caffe_mixed.expected.json");

        /// <summary>The 20 caffe_clean records, uncompressed blocks.</summary>
        public static string Uncompressed => Path("leveldb", "uncompressed");

        public static string UncompressedLive => Path("leveldb", "uncompressed.live.json");

        /// <summary>uncompressed with one byte of a data block of 000007.ldb flipped.</summary>
        public static string Damaged => Path("leveldb", "damaged");

        public static string DamagedExpected => Path("leveldb", "damaged.expected.json");
    }

    public static class Datum
    {
        public static string Directory => Path("datum");

        public static string Cases => Path("datum", "cases.json");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DataScrub.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"DataScrub.sln not found above {AppContext.BaseDirectory}");
    }
}
