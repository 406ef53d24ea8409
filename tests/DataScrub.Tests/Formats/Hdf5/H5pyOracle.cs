using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Hdf5;

/// <summary>What h5py and numpy read from one dataset of a generated file.</summary>
/// <param name="AllocatedRows">Row ranges [start, end) whose storage exists (HDF5's chunk queries).</param>
/// <param name="NonFinite">Per row and kind (<c>nan</c>/<c>inf</c>): how many values and the first index.</param>
public sealed record H5pyDatasetFacts(string Dtype, long[] Shape, IReadOnlyList<(long Start, long End)> AllocatedRows,
    IReadOnlyList<(long Row, string Kind, long Count, long FirstIndex)> NonFinite)
{
    public long Rows => Shape[0];

    public long RowValues => Shape.Skip(1).Aggregate(1L, (a, d) => a * d);
}

public sealed record H5pyFileFacts(int Userblock, IReadOnlyDictionary<string, H5pyDatasetFacts> Datasets);

/// <param name="Input">The path to scan: the file, or the source list.</param>
public sealed record H5pyCaseFacts(string Input, IReadOnlyDictionary<string, H5pyFileFacts> Files);

/// <summary>
/// Runs fixtures/hdf5_property_cases.py once for a batch of cases: Debian's /usr/bin/python3 with h5py and
/// numpy writes the files and reports what it reads back. Missing Python or h5py fails the test with the
/// command that installs them (scripts/ensure-deps.sh installs them for ./scripts/test.sh).
/// </summary>
public static class H5pyOracle
{
    public const string Python = "/usr/bin/python3";

    public static IReadOnlyDictionary<string, H5pyCaseFacts> Write(IEnumerable<H5pyCase> cases, string directory)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing: the HDF5 property tests need Debian's python3 with h5py and numpy (sudo apt-get install -y python3-h5py python3-numpy; ./scripts/test.sh installs them)");
        var spec = Path.Combine(directory, "spec.json");
        File.WriteAllText(spec, H5pyCase.Spec(cases).ToJsonString());
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-B", Fixtures.Path("hdf5_property_cases.py"), spec, directory }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill();
            Assert.Fail("fixtures/hdf5_property_cases.py did not finish in 3 minutes");
        }
        if (process.ExitCode != 0)
        {
            var error = stderr.Result;
            var hint = error.Contains("No module named") ? " (sudo apt-get install -y python3-h5py python3-numpy; ./scripts/test.sh installs them)" : "";
            Assert.Fail($"fixtures/hdf5_property_cases.py failed with exit {process.ExitCode}{hint}:\n{stdout.Result}\n{error}");
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "result.json")));
        return doc.RootElement.GetProperty("cases").EnumerateObject().ToDictionary(c => c.Name, c => ParseCase(c.Value, directory));
    }

    private static H5pyCaseFacts ParseCase(JsonElement c, string directory) =>
        new(Path.Combine(directory, c.GetProperty("input").GetString()!),
            c.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => new H5pyFileFacts(
                f.Value.GetProperty("userblock").GetInt32(),
                f.Value.GetProperty("datasets").EnumerateObject().ToDictionary(d => d.Name, d => ParseDataset(d.Value)))));

    private static H5pyDatasetFacts ParseDataset(JsonElement d) =>
        new(d.GetProperty("dtype").GetString()!,
            d.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray(),
            d.GetProperty("allocated_rows").EnumerateArray().Select(r => (r[0].GetInt64(), r[1].GetInt64())).ToList(),
            d.GetProperty("nonfinite").EnumerateArray().Select(x => (x[0].GetInt64(), x[1].GetString()!, x[2].GetInt64(), x[3].GetInt64())).ToList());

    /// <summary>Runs a Python script (h5py writing files into <paramref name="folder"/>, its argv[1]; then
    /// <paramref name="more"/>) and returns what it printed; a failing script fails the test with its stderr.</summary>
    public static string RunScript(string script, string folder, params string[] more)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", script, folder }.Concat(more)) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"h5py could not write the files: {error}");
        return output.Result;
    }

    /// <summary>The run's versions, for messages.</summary>
    public static string Versions(string directory)
    {
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "result.json")))!;
        return $"h5py {result["h5py"]}, HDF5 {result["hdf5"]}, numpy {result["numpy"]}";
    }
}
