using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Rebuild;

/// <summary>The <c>rebuild</c> section of a report: the same counts as the manifest in the destination. Placed after
/// the analyses' <c>masks</c> and before <c>statistics</c>, where the first reports had it.</summary>
/// <param name="Written">Samples written; for a dry run, the samples the real run would write.</param>
/// <param name="Verified">True when the written copy was re-read and re-scanned before it was put in place.</param>
public sealed record RebuildSummary(
    string Destination,
    bool DryRun,
    long Source,
    long Dropped,
    long Written,
    bool Verified,
    IReadOnlyList<string> DroppedKinds,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> StaleRemoved) : IReportSection
{
    /// <summary>Files and list entries left out whole (their samples are counted in <see cref="Dropped"/>).</summary>
    public IReadOnlyList<DroppedFile> DroppedFiles { get; init; } = [];

    /// <summary>Samples left out for their own findings, in storage order (<c>droppedSamples</c>).</summary>
    public IReadOnlyList<DroppedSample> DroppedSamples { get; init; } = [];

    /// <summary>Seconds per phase (scan, write, flush, verify, rename).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Seconds { get; init; } = [];

    public string Name => "rebuild";

    public int Order => 300;

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject(Name);
        json.WriteString("destination", Destination);
        json.WriteBoolean("dryRun", DryRun);
        json.WriteNumber("source", Source);
        json.WriteNumber("dropped", Dropped);
        json.WriteNumber("written", Written);
        json.WriteBoolean("verified", Verified);
        WriteStrings(json, "droppedKinds", DroppedKinds);
        WriteStrings(json, "notes", Notes);
        WriteStrings(json, "staleRemoved", StaleRemoved);
        json.WriteStartObject("seconds");
        foreach (var (phase, seconds) in Seconds) json.WriteNumber(phase, seconds);
        json.WriteEndObject();
        RebuildManifest.WriteDroppedFiles(json, DroppedFiles);
        json.WriteStartArray("droppedSamples");
        foreach (var d in DroppedSamples)
        {
            json.WriteStartObject();
            json.WriteNumber("index", d.Index);
            json.WriteString("sample", d.Id);
            WriteStrings(json, "kinds", d.Kinds);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The rebuild's console lines are the CLI's (they follow the findings).</summary>
    public void WriteConsole(TextWriter output)
    {
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
