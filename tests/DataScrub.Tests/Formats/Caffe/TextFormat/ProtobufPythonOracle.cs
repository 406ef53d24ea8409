using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Formats.Caffe.TextFormat;

/// <summary>What Python's google.protobuf made of one document: its serialized bytes and its own printing, or its error.</summary>
public sealed record PythonTextFormatResult(bool Ok, string? Hex, string? Printed, string? Error);

/// <summary>One document for the oracle: a name, the full proto name of its type, its text.</summary>
public sealed record PythonTextFormatCase(string Name, string Type, string Text);

/// <summary>
/// Runs text_format_oracle.py once for a batch of documents: Debian's /usr/bin/python3 with python3-protobuf
/// parses them with descriptors of caffe.proto that protoc (from the Grpc.Tools package the build already
/// restored) writes into a temporary directory. Missing pieces fail the test with the command that installs them.
/// </summary>
public static class ProtobufPythonOracle
{
    public const string Python = "/usr/bin/python3";

    private static readonly string Script = Path.Combine(Fixtures.RepositoryRoot, "tests", "DataScrub.Tests", "Formats", "Caffe", "TextFormat", "text_format_oracle.py");
    private static readonly string CaffeProto = Path.Combine(Fixtures.RepositoryRoot, "src", "DataScrub.Formats", "Caffe", "caffe.proto");

    /// <summary>The results by case name, and a line naming the versions that produced them.</summary>
    public static (IReadOnlyDictionary<string, PythonTextFormatResult> Results, string Versions) Parse(IReadOnlyList<PythonTextFormatCase> cases)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing: the text-format oracle tests need Debian's python3 with protobuf (sudo apt-get install -y python3 python3-protobuf)");
        var directory = Directory.CreateTempSubdirectory("datascrub-textformat-");
        try
        {
            var descriptorSet = Path.Combine(directory.FullName, "caffe.desc");
            Run(Protoc(), ["--proto_path=" + Path.GetDirectoryName(CaffeProto), "--include_imports", "--descriptor_set_out=" + descriptorSet, Path.GetFileName(CaffeProto)], "protoc");
            var casesPath = Path.Combine(directory.FullName, "cases.json");
            File.WriteAllText(casesPath, JsonSerializer.Serialize(cases.Select(c => new { name = c.Name, type = c.Type, text = c.Text })));
            var resultPath = Path.Combine(directory.FullName, "result.json");
            Run(Python, ["-B", Script, descriptorSet, casesPath, resultPath], "text_format_oracle.py");
            var result = JsonNode.Parse(File.ReadAllText(resultPath))!;
            var results = result["results"]!.AsObject().ToDictionary(
                r => r.Key,
                r => new PythonTextFormatResult((bool)r.Value!["ok"]!, (string?)r.Value["hex"], (string?)r.Value["printed"], (string?)r.Value["error"]));
            return (results, $"python protobuf {result["protobuf"]} ({result["implementation"]} implementation)");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>protoc from the Grpc.Tools package in the NuGet cache (the build restored it to compile caffe.proto).</summary>
    private static string Protoc()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, "grpc.tools");
        var protoc = Directory.Exists(tools)
            ? Directory.EnumerateDirectories(tools)
                .Select(v => Path.Combine(v, "tools", "linux_x64", "protoc"))
                .Where(File.Exists)
                .OrderByDescending(p => p, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        if (protoc is null)
            Assert.Fail($"no protoc under {tools}/*/tools/linux_x64/: restore the solution (dotnet restore) so that the Grpc.Tools package is in the NuGet cache");
        return protoc;
    }

    private static void Run(string program, string[] arguments, string what)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish in 2 minutes");
        }
        if (process.ExitCode != 0)
        {
            var error = stderr.Result;
            var hint = error.Contains("No module named", StringComparison.Ordinal) ? " (sudo apt-get install -y python3-protobuf)" : "";
            Assert.Fail($"{what} failed with exit {process.ExitCode}{hint}:\n{stdout.Result}\n{error}");
        }
    }
}
