using BenchmarkDotNet.Running;
using DataScrub.Benchmarks.Scan;

namespace DataScrub.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/DataScrub.Benchmarks -- scan [--raw N --float N --repeats R]</c>:
/// end-to-end scan throughput of the same records in LMDB and in LevelDB, 1 thread vs all cores.
/// <c>-- hdf5 [--gigabytes G --repeats R]</c>: 2 GB HDF5 files, DataScrub vs h5py + numpy in the same run.
/// <c>-- images [--count N --repeats R]</c>: a JPEG folder, DataScrub vs PIL in the same run.
/// <c>-- analysis [--repeats R]</c>: the label/statistics/duplicate analyses' cost on the 'scan' LMDB.
/// <c>-- profile [--path DATASET --repeats R]</c>: the profile and preview analyses' cost on any dataset.
/// <c>-- rebuild [--repeats R]</c>: rebuild --drop-bad against scan of the 'scan' LMDB. Anything else goes to BenchmarkDotNet
/// (e.g. <c>-- --filter *NonFinite*</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scan") return ScanThroughput.Run(args[1..]);
        if (args.Length > 0 && args[0] == "hdf5") return Hdf5Throughput.Run(args[1..]);
        if (args.Length > 0 && args[0] == "hdf5-copy") return Hdf5Throughput.Copy(args[1..]);
        if (args.Length > 0 && args[0] == "images") return ImageThroughput.Run(args[1..]);
        if (args.Length > 0 && args[0] == "analysis") return AnalysisOverhead.Run(args[1..]);
        if (args.Length > 0 && args[0] == "rebuild") return RebuildThroughput.Run(args[1..]);
        if (args.Length > 0 && args[0] == "profile") return ProfileOverhead.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
