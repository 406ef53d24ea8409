using System.Globalization;
using System.Text.Json;
using DataScrub.Findings;

namespace DataScrub.Reporting.Baseline;

/// <summary>
/// What makes two findings of two runs the same finding: the kind and where it is (sample, field, store file and
/// offset, class, channel, batch size, the sample a duplicate repeats). The message and counts are not part of it: a
/// sample with 3 NaN yesterday and 4 today has the same, known, defect.
/// </summary>
public readonly record struct FindingIdentity(string Kind, string Where)
{
    public static FindingIdentity Of(Finding f) =>
        new(f.Kind.Name, Locate(f.Sample, f.Field, f.File, f.Offset, f.Class, f.Channel, f.BatchSize, f.Of));

    /// <summary>A finding as a JSON report wrote it.</summary>
    public static FindingIdentity Of(JsonElement f) =>
        new(f.GetProperty("kind").GetString()!,
            Locate(Text(f, "sample"), Text(f, "field"), Text(f, "file"), Number(f, "offset"), Number(f, "class"), (int?)Number(f, "channel"), (int?)Number(f, "batchSize"), Text(f, "of")));

    private static string Locate(string? sample, string? field, string? file, long? offset, long? cls, int? channel, int? batchSize, string? of) =>
        string.Join('\u001f', sample, field, file, Invariant(offset), Invariant(cls), Invariant(channel), Invariant(batchSize), of);

    private static string? Invariant(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonElement f, string name) =>
        f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Number(JsonElement f, string name) =>
        f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
