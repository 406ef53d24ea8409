using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Golden;

/// <summary>One command line whose whole output is a committed golden report.</summary>
/// <param name="Name">The golden file's name (Golden/reports/NAME.txt).</param>
/// <param name="Arguments">The command line; <c>$ROOT</c> is the repository, <c>$TMP</c> a fresh directory.</param>
/// <param name="Outputs">Files or directories under <c>$TMP</c> the command writes, described in the golden report.</param>
public sealed record GoldenCase(string Name, string[] Arguments, string[] Outputs);

/// <summary>
/// Every fixture dataset of every format, scanned with the default options, plus the option sets and rebuilds that
/// take other paths through the code (given K, batch sizes, loss, ignore label, severities, masks, mean files,
/// listing limits; rebuilds in place, converted, shuffled, dry). Datasets are found by walking the fixture folders,
/// so a new fixture is covered without touching this file.
/// </summary>
public static class GoldenCases
{
    public static IReadOnlyList<GoldenCase> All { get; } = Create();

    private static List<GoldenCase> Create()
    {
        var cases = new List<GoldenCase>();
        void Scan(string name, params string[] args) => cases.Add(new GoldenCase(name, ["scan", .. args], []));
        void Rebuild(string name, string source, params string[] args) =>
            cases.Add(new GoldenCase(name, ["rebuild", source, "--out", "$TMP/out", .. args], ["out"]));

        // Every dataset in the fixtures, with the default options.
        foreach (var dataset in Datasets())
            Scan("scan." + NameOf(dataset), "$ROOT/" + dataset);

        // Option sets.
        const string mixed = "$ROOT/fixtures/lmdb/caffe_mixed";
        Scan("options.lmdb-mixed.k10-batches", mixed, "-K", "10", "-b", "4,8,64");
        Scan("options.lmdb-mixed.batch-normalized", mixed, "--loss", "batch-normalized", "-b", "4");
        Scan("options.lmdb-mixed.severities", mixed, "--severity", "nan=warning,duplicate=error", "--severity", "inf=off");
        Scan("options.lmdb-mixed.no-duplicates", mixed, "--no-duplicates");
        Scan("options.lmdb-mixed.max-findings-2", mixed, "--max-findings", "2");
        Scan("options.lmdb-mixed.threads-1", mixed, "-j", "1");
        Scan("options.lmdb-classes.k", "$ROOT/fixtures/labels/lmdb_classes", "-K", "12", "-b", "8,16");
        Scan("options.lmdb-classes.ignore", "$ROOT/fixtures/labels/lmdb_classes", "--ignore-label", "3");
        Scan("options.lmdb-classes.mean", "$ROOT/fixtures/labels/lmdb_classes", "--mean-file", "$ROOT/fixtures/mean/lmdb_classes.mean.binaryproto");
        Scan("options.lmdb-classes.mean-nan", "$ROOT/fixtures/labels/lmdb_classes", "--mean-file", "$ROOT/fixtures/mean/nan.mean.binaryproto");
        Scan("options.lmdb-classes.mean-wrong-shape", "$ROOT/fixtures/labels/lmdb_classes", "--mean-file", "$ROOT/fixtures/mean/wrong_shape.mean.binaryproto");
        cases.Add(new GoldenCase("options.lmdb-classes.write-mean", ["scan", "$ROOT/fixtures/labels/lmdb_classes", "--write-mean", "$TMP/mean.binaryproto"], ["mean.binaryproto"]));
        Scan("options.hdf5-classes.k-batch-normalized", "$ROOT/fixtures/labels/hdf5_classes.h5", "-K", "10", "--loss", "batch-normalized");
        Scan("options.hdf5-masks.k-ignore", "$ROOT/fixtures/labels/hdf5_masks.h5", "-K", "3", "--ignore-label", "255");
        Scan("options.hdf5-list.data-label", "$ROOT/fixtures/hdf5/list.txt", "--data", "data", "--label", "label");
        Scan("options.images.masks", "$ROOT/fixtures/masks/images", "--masks", "$ROOT/fixtures/masks/masks");
        Scan("options.images.masks-voc", "$ROOT/fixtures/masks_voc/images", "--masks", "$ROOT/fixtures/masks_voc/masks", "-K", "21", "--ignore-label", "255");
        Scan("options.images.masks-voc-inferred", "$ROOT/fixtures/masks_voc/images", "--masks", "$ROOT/fixtures/masks_voc/masks");
        Scan("options.images.crop-and-pixels", "$ROOT/fixtures/images/flat", "--crop-size", "64", "--max-pixels", "1000");
        Scan("options.images.listfile-root", "$ROOT/fixtures/images/tree/train.txt", "--root", "$ROOT/fixtures/images/tree");
        Scan("options.several-datasets", mixed, "$ROOT/fixtures/leveldb/caffe_mixed", "$ROOT/fixtures/hdf5/f16.h5", "$ROOT/fixtures/images/flat");
        Scan("options.unreadable-among-others", mixed, "$ROOT/fixtures/hdf5/groups_only.h5", "$ROOT/fixtures/no-such-dataset");

        // Rebuilds: same format, converted, shuffled, dry.
        Rebuild("rebuild.lmdb-mixed.drop-bad", mixed, "--drop-bad");
        Rebuild("rebuild.lmdb-mixed.drop-kinds", mixed, "--drop", "nan,duplicate");
        Rebuild("rebuild.lmdb-mixed.dry-run", mixed, "--drop-bad", "--dry-run");
        Rebuild("rebuild.lmdb-mixed.to-leveldb", mixed, "--drop-bad", "--to", "leveldb");
        Rebuild("rebuild.lmdb-mixed.to-hdf5", mixed, "--drop-bad", "--to", "hdf5");
        Rebuild("rebuild.lmdb-mixed.to-hdf5-without-drop", mixed, "--to", "hdf5");
        Rebuild("rebuild.lmdb-mixed.shuffle", mixed, "--drop-bad", "--shuffle", "--seed", "3");
        Rebuild("rebuild.lmdb-clean.plain", "$ROOT/fixtures/lmdb/caffe_clean");
        Rebuild("rebuild.lmdb-encoded.drop-bad", "$ROOT/fixtures/lmdb/encoded_mixed", "--drop-bad");
        Rebuild("rebuild.leveldb-mixed.drop-bad", "$ROOT/fixtures/leveldb/caffe_mixed", "--drop-bad");
        Rebuild("rebuild.leveldb-mixed.to-lmdb", "$ROOT/fixtures/leveldb/caffe_mixed", "--drop-bad", "--to", "lmdb");
        Rebuild("rebuild.leveldb-damaged.drop-bad", "$ROOT/fixtures/leveldb/damaged", "--drop-bad");
        Rebuild("rebuild.leveldb-damaged.refused", "$ROOT/fixtures/leveldb/damaged");
        Rebuild("rebuild.hdf5-list.drop-bad", "$ROOT/fixtures/hdf5/list.txt", "--drop-bad");
        Rebuild("rebuild.hdf5-list.to-lmdb", "$ROOT/fixtures/hdf5/list.txt", "--drop-bad", "--to", "lmdb");
        Rebuild("rebuild.hdf5-bigendian.plain", "$ROOT/fixtures/rebuild/bigendian_chunked.h5");
        Rebuild("rebuild.hdf5-classes.shuffle", "$ROOT/fixtures/labels/hdf5_classes.h5", "--shuffle");
        Rebuild("rebuild.images-flat.drop-bad", "$ROOT/fixtures/images/flat", "--drop-bad");
        Rebuild("rebuild.images-tree.drop-bad", "$ROOT/fixtures/images/tree", "--drop-bad");
        Rebuild("rebuild.images-listfile.shuffle", "$ROOT/fixtures/images/tree/train.txt", "--drop-bad", "--shuffle");
        Rebuild("rebuild.images-masks.drop-empty", "$ROOT/fixtures/masks/images", "--masks", "$ROOT/fixtures/masks/masks", "--drop", "empty-mask");
        Rebuild("rebuild.lmdb-classes.to-hdf5", "$ROOT/fixtures/labels/lmdb_classes", "--to", "hdf5");

        // Rebuild paths the cases above leave out: the other conversions, shuffles and dry runs, and refusals.
        Rebuild("rebuild.leveldb-mixed.to-hdf5", "$ROOT/fixtures/leveldb/caffe_mixed", "--drop-bad", "--to", "hdf5");
        Rebuild("rebuild.leveldb-mixed.shuffle", "$ROOT/fixtures/leveldb/caffe_mixed", "--drop-bad", "--shuffle", "--seed", "2");
        Rebuild("rebuild.lmdb-mixed.to-leveldb-shuffle", mixed, "--drop-bad", "--to", "leveldb", "--shuffle", "--seed", "4");
        Rebuild("rebuild.hdf5-list.to-leveldb", "$ROOT/fixtures/hdf5/list.txt", "--drop-bad", "--to", "leveldb");
        Rebuild("rebuild.hdf5-list.to-lmdb-shuffle", "$ROOT/fixtures/hdf5/list.txt", "--drop-bad", "--to", "lmdb", "--shuffle", "--seed", "5");
        Rebuild("rebuild.hdf5-list.dry-run", "$ROOT/fixtures/hdf5/list.txt", "--drop-bad", "--dry-run");
        Rebuild("rebuild.hdf5-list.shuffle", "$ROOT/fixtures/hdf5/list.txt", "--drop-bad", "--shuffle", "--seed", "6");
        Rebuild("rebuild.hdf5-repeated.drop-bad", "$ROOT/fixtures/hdf5/list_repeated.txt", "--drop-bad");
        Rebuild("rebuild.hdf5-repeated.shuffle", "$ROOT/fixtures/hdf5/list_repeated.txt", "--drop-bad", "--shuffle");
        Rebuild("rebuild.hdf5-f64.to-lmdb", "$ROOT/fixtures/hdf5/f64.h5", "--to", "lmdb");
        Rebuild("rebuild.hdf5-f16.to-lmdb-refused", "$ROOT/fixtures/hdf5/f16.h5", "--to", "lmdb");
        Rebuild("rebuild.hdf5-rows-flat.to-leveldb", "$ROOT/fixtures/hdf5/rows_flat.h5", "--to", "leveldb");
        Rebuild("rebuild.lmdb-encoded.to-hdf5-refused", "$ROOT/fixtures/lmdb/encoded_mixed", "--drop-bad", "--to", "hdf5");
        Rebuild("rebuild.images-listfile.dry-run", "$ROOT/fixtures/images/tree/train.txt", "--drop-bad", "--dry-run");
        Rebuild("rebuild.images-flat.to-lmdb-refused", "$ROOT/fixtures/images/flat", "--to", "lmdb");
        Rebuild("rebuild.images-flat.shuffle-refused", "$ROOT/fixtures/images/flat", "--shuffle");
        Rebuild("rebuild.lmdb-mixed.to-hdf5-shuffle-refused", mixed, "--to", "hdf5", "--shuffle");
        Rebuild("rebuild.lmdb-mixed.seed-without-shuffle", mixed, "--seed", "3");
        Rebuild("rebuild.lmdb-mixed.fail-on-refused", mixed, "--drop-bad", "--fail-on", "warning");
        Rebuild("rebuild.lmdb-mixed.write-mean-refused", mixed, "--write-mean", "$TMP/mean.binaryproto");
        Rebuild("rebuild.lmdb-mixed.drop-off-kind", mixed, "--drop", "nan", "--severity", "nan=off");
        Rebuild("rebuild.lmdb-mixed.severity-drop-bad", mixed, "--drop-bad", "--severity", "nan=warning,duplicate=error");
        cases.Add(new GoldenCase("rebuild.lmdb-mixed.inside-source", ["rebuild", mixed, "--out", "$ROOT/fixtures/lmdb/caffe_mixed/clean", "--drop-bad"], []));
        Rebuild("rebuild.hdf5-mismatched.refused", "$ROOT/fixtures/hdf5/list_trailing_mismatch.txt");
        Rebuild("rebuild.hdf5-mismatched.drop-bad", "$ROOT/fixtures/hdf5/list_trailing_mismatch.txt", "--drop-bad");
        Rebuild("rebuild.hdf5-never-written.refused", "$ROOT/fixtures/hdf5/never_written.h5", "--drop-bad");
        Rebuild("rebuild.hdf5-lzf.refused", "$ROOT/fixtures/hdf5/lzf.h5");

        // Caffe definitions: every written-for-DataScrub prototxt linted at once, and the scans three nets lead to.
        var prototxt = Directory.GetFiles(Fixtures.Path("prototxt"), "*.prototxt", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Fixtures.RepositoryRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("fixtures/prototxt/bvlc/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        cases.Add(new GoldenCase("lint.fixtures", ["lint", .. prototxt.Select(f => "$ROOT/" + f), "--workdir", "$ROOT"], []));
        Scan("net.lenet-solver", "--net", "$ROOT/fixtures/prototxt/lenet/lenet_solver.prototxt", "--workdir", "$ROOT");
        Scan("net.fcn-infogain", "--net", "$ROOT/fixtures/prototxt/fcn/train_val.prototxt", "--workdir", "$ROOT");
        Scan("net.legacy-imagedata", "--net", "$ROOT/fixtures/prototxt/legacy/imagedata_v1.prototxt", "--workdir", "$ROOT", "--phase", "test");
        return cases;
    }

    /// <summary>The fixture datasets, as paths relative to the repository: LMDB and LevelDB directories, HDF5 files
    /// and source lists, image folders and listfiles.</summary>
    private static IEnumerable<string> Datasets()
    {
        var root = Fixtures.RepositoryRoot;
        string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
        var fixtures = Path.Combine(root, "fixtures");
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(fixtures, "*", SearchOption.AllDirectories))
        {
            if (File.Exists(Path.Combine(directory, "data.mdb")) || File.Exists(Path.Combine(directory, "CURRENT")))
                found.Add(Relative(directory));
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(fixtures, "hdf5"), "*", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(fixtures, "labels")))
                     .Concat(Directory.EnumerateFiles(Path.Combine(fixtures, "rebuild"))))
        {
            var extension = Path.GetExtension(file);
            if (extension is ".h5" or ".hdf5" or ".nc" or ".mat" or ".hdf5bad" || (extension == ".txt" && !file.EndsWith("CATALOGUE.txt")))
                found.Add(Relative(file));
        }
        found.Add("fixtures/images/flat");
        found.Add("fixtures/images/tree");
        found.Add("fixtures/images/tree/train.txt");
        found.Add("fixtures/masks/images");
        found.Add("fixtures/masks_voc/images");
        return found;
    }

    private static string NameOf(string dataset) =>
        dataset["fixtures/".Length..].Replace('/', '.');
}
