using System.Text.Json;

namespace DataScrub.Tests.Shared;

/// <summary>A fixture's <c>*.expected.json</c>, written by the fixture generator from what it planted.</summary>
public sealed record ExpectedReport(long Samples, IReadOnlyDictionary<string, long> Labels, long Unlabelled, IReadOnlyList<ExpectedFinding> Findings)
{
    public static ExpectedReport Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        return new ExpectedReport(
            root.GetProperty("samples").GetInt64(),
            root.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
            root.GetProperty("unlabelled").GetInt64(),
            root.GetProperty("findings").EnumerateArray().Select(ExpectedFinding.From).ToList());
    }
}

public sealed record ExpectedFinding(string Kind, string? Sample, string? Field, long? Count, long? Index)
{
    public static ExpectedFinding From(JsonElement e) => new(
        e.GetProperty("kind").GetString()!,
        e.GetProperty("sample").GetString(),
        e.GetProperty("field").GetString(),
        e.GetProperty("count").ValueKind == JsonValueKind.Null ? null : e.GetProperty("count").GetInt64(),
        e.GetProperty("index").ValueKind == JsonValueKind.Null ? null : e.GetProperty("index").GetInt64());
}
