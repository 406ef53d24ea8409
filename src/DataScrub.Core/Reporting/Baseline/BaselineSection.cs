using System.Text.Json;
using DataScrub.Findings;

namespace DataScrub.Reporting.Baseline;

/// <summary>A kind's findings that are new (or gone) since the baseline, and the highest severity among the new ones.</summary>
public sealed record BaselineKindCount(FindingKind Kind, long Count, Severity? Severity);

/// <summary>One class's share of the labelled samples in the baseline and now.</summary>
public sealed record LabelShareChange(long Label, double Before, double After);

/// <summary>How far the label histogram moved: the total variation distance of the class shares, against the threshold.</summary>
public sealed record LabelDrift(double TotalVariation, double Threshold, bool Drifted, long SamplesBefore, long SamplesAfter, IReadOnlyList<LabelShareChange> Classes);

/// <summary>
/// The <c>baseline</c> section (<c>--baseline</c>): what is new in this dataset since the accepted report, what is
/// gone, and the label drift. <see cref="Matched"/> is null when the baseline has no entry for the dataset (then
/// everything is new).
/// </summary>
public sealed record BaselineSection(string File, string? Matched, IReadOnlyList<BaselineKindCount> New, IReadOnlyList<BaselineKindCount> Gone,
    IReadOnlyList<Finding> NewFindings, bool Exact, LabelDrift? Drift) : IReportSection
{
    public string Name => "baseline";

    public int Order => 700;

    /// <summary>True when something new is at or above <paramref name="severity"/> (a dataset the baseline lacks is new
    /// as a whole: every finding of it counts).</summary>
    public bool HasNewAtOrAbove(Severity severity, DatasetReport dataset) =>
        Matched is null ? dataset.HasFindingAtOrAbove(severity) : New.Any(n => n.Severity >= severity);

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject(Name);
        json.WriteString("file", File);
        if (Matched is null) json.WriteNull("matched");
        else json.WriteString("matched", Matched);
        json.WriteBoolean("exact", Exact);
        WriteCounts(json, "new", New);
        WriteCounts(json, "gone", Gone);
        json.WriteStartArray("newFindings");
        foreach (var f in NewFindings)
        {
            json.WriteStartObject();
            json.WriteString("kind", f.Kind.Name);
            json.WriteString("severity", SeverityPolicy.Word(f.Severity));
            if (f.Sample is null) json.WriteNull("sample");
            else json.WriteString("sample", f.Sample);
            json.WriteString("message", f.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (Drift is { } drift)
        {
            json.WriteStartObject("labelDrift");
            json.WriteNumber("totalVariation", Math.Round(drift.TotalVariation, 6));
            json.WriteNumber("threshold", drift.Threshold);
            json.WriteBoolean("drifted", drift.Drifted);
            json.WriteNumber("samplesBefore", drift.SamplesBefore);
            json.WriteNumber("samplesAfter", drift.SamplesAfter);
            json.WriteStartArray("classes");
            foreach (var c in drift.Classes)
            {
                json.WriteStartObject();
                json.WriteNumber("class", c.Label);
                json.WriteNumber("before", Math.Round(c.Before, 6));
                json.WriteNumber("after", Math.Round(c.After, 6));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else json.WriteNull("labelDrift");
        json.WriteEndObject();
    }

    public void WriteConsole(TextWriter output)
    {
        if (Matched is null)
        {
            output.WriteLine($"  baseline: {File} has no report of this dataset: every finding is new");
            return;
        }
        var added = New.Count == 0 ? "nothing new" : "new: " + string.Join(", ", New.Select(n => $"{n.Kind.Name} {n.Count}"));
        var gone = Gone.Count == 0 ? "" : "; gone: " + string.Join(", ", Gone.Select(n => $"{n.Kind.Name} {n.Count}"));
        var exact = Exact ? "" : " (by count where a report listed only --max-findings of a kind)";
        output.WriteLine($"  baseline {File}: {added}{gone}{exact}");
        if (Drift is { } d)
            output.WriteLine(System.FormattableString.Invariant($"  label drift: {d.TotalVariation:0.####} (threshold {d.Threshold:0.####}){(d.Drifted ? ", drifted" : "")}"));
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyList<BaselineKindCount> counts)
    {
        json.WriteStartObject(name);
        foreach (var c in counts) json.WriteNumber(c.Kind.Name, c.Count);
        json.WriteEndObject();
    }
}
