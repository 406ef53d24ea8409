using CsCheck;
using DataScrub.Formats;
using DataScrub.Formats.Hdf5;
using DataScrub.Pipeline;
using DataScrub.Reporting;
using DataScrub.Tests.Shared;
using DataScrub.Images;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>
/// The HDF5 reader against h5py: files written by fixtures/hdf5_property_cases.py (h5py), scanned by the
/// real reader and pipeline, and every planted NaN/Inf, row count, shape rule, unwritten range and
/// repeated entry compared with what h5py and numpy read (<see cref="H5pyExpectedScan"/>).
/// Generated cases come from CsCheck; a failure message carries the seed (rerun with
/// <c>CsCheck_Seed=SEED dotnet test --filter Hdf5PropertyTests</c>) and keeps the files.
/// </summary>
public class Hdf5PropertyTests(Hdf5PropertyTests.FixedCaseFiles fixedCases) : IClassFixture<Hdf5PropertyTests.FixedCaseFiles>
{
    /// <summary>Generated cases per run (each up to <see cref="H5pyCases.MaxValuesPerDataset"/> values per
    /// dataset); DATASCRUB_H5PY_CASES sets another count for a longer search.</summary>
    private static int GeneratedCases => int.TryParse(Environment.GetEnvironmentVariable("DATASCRUB_H5PY_CASES"), out var n) && n > 0 ? n : 24;

    /// <summary>The fixed repro cases, written once for the class by one Python process.</summary>
    public sealed class FixedCaseFiles : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public FixedCaseFiles() => Facts = H5pyOracle.Write(H5pyCases.Fixed, _directory.Path);

        public IReadOnlyDictionary<string, H5pyCaseFacts> Facts { get; }

        public void Dispose() => _directory.Dispose();
    }

    public static TheoryData<string> FixedCaseNames() => new(H5pyCases.Fixed.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(FixedCaseNames))]
    public void Scan_FixedCase_MatchesH5py(string name)
    {
        var plan = H5pyCases.Fixed.Single(c => c.Name == name);
        var errors = Check(plan, fixedCases.Facts[name]);
        Assert.True(errors.Count == 0, $"{name}: {errors.Count} differences from h5py:\n{string.Join("\n", errors)}\ncase: {plan}");
    }

    /// <summary>
    /// The shipped Native AOT binary reads every fixed case (every dtype, byte order, layout and filter h5py writes
    /// here) exactly as the library does under the JIT: PureHDF picks generic methods by reflection, which an AOT
    /// binary has only for the instantiations it was told about (src/DataScrub.Cli/PureHDF.rd.xml).
    /// </summary>
    [Fact]
    public void ShippedBinary_FixedCases_ReportAsTheLibraryDoes()
    {
        using var temp = new TempDirectory();
        var differences = new List<string>();
        foreach (var plan in H5pyCases.Fixed)
        {
            var input = fixedCases.Facts[plan.Name].Input;
            var library = Path.Combine(temp.Path, plan.Name + ".library.json");
            var shipped = Path.Combine(temp.Path, plan.Name + ".shipped.json");
            var inProcess = CliRun.InProcess("scan", input, "--json", library);
            var binary = CliRun.Process(null, "scan", input, "--json", shipped);
            if (binary.ExitCode != inProcess.ExitCode || binary.Error != inProcess.Error)
                differences.Add($"{plan.Name}: library {inProcess}\nshipped {binary}");
            else if (File.Exists(library) && WithoutTimings(File.ReadAllText(library)) != WithoutTimings(File.ReadAllText(shipped)))
                differences.Add($"{plan.Name}: the JSON reports differ\n{WithoutTimings(File.ReadAllText(shipped))}");
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static string WithoutTimings(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"""seconds"": [0-9.eE+-]+", "\"seconds\": 0");

    [Fact]
    public void Scan_GeneratedCases_MatchH5py()
    {
        // One sample is one batch of cases (one Python process); the seed CsCheck prints reproduces the batch.
        H5pyCases.GenBatch(GeneratedCases).Sample(cases =>
        {
            var directory = Directory.CreateTempSubdirectory("datascrub-h5py-").FullName;
            var facts = H5pyOracle.Write(cases, directory);
            var failures = new List<string>();
            foreach (var plan in cases)
            {
                var errors = Check(plan, facts[plan.Name]);
                if (errors.Count > 0) failures.Add($"{plan.Name}: {string.Join("\n  ", errors)}\n  case: {plan}");
            }
            if (failures.Count > 0)
                throw new Xunit.Sdk.XunitException($"{failures.Count} of {cases.Length} cases differ from h5py ({H5pyOracle.Versions(directory)}); files kept in {directory}:\n{string.Join("\n", failures)}");
            Directory.Delete(directory, recursive: true);
        }, iter: 1, threads: 1, print: cases => $"{cases.Length} cases, {cases.Sum(c => c.Files.Sum(f => f.Datasets.Sum(d => d.Shape.Aggregate(1L, (a, x) => a * x))))} values");
    }

    private static List<string> Check(H5pyCase plan, H5pyCaseFacts facts)
    {
        var expected = H5pyExpectedScan.Of(plan, facts);
        DatasetReport report;
        try
        {
            using var reader = Hdf5Reader.Open(facts.Input, ReaderOptions.Default);
            report = ScrubPipeline.Run(reader, new ScrubOptions { Checks = StandardChecks.Default, Threads = 2, MaxFindingsPerKind = int.MaxValue });
        }
        catch (DatasetUnreadableException e)
        {
            return [$"unreadable: {e.Message}"];
        }
        return expected.Compare(report);
    }
}
