using System.Globalization;
using System.Text.Json;

namespace DataScrub.Reporting.Baseline;

/// <summary>
/// An accepted JSON report (<c>datascrub-report/1</c>) read back for <c>--baseline</c>: per dataset, its findings per
/// kind (counted and listed) and its label histogram. Only what a comparison needs is kept.
/// </summary>
public sealed class BaselineReport
{
    public string Path { get; }

    public IReadOnlyList<BaselineDataset> Datasets { get; }

    private BaselineReport(string path, IReadOnlyList<BaselineDataset> datasets)
    {
        Path = path;
        Datasets = datasets;
    }

    /// <summary>Reads the report; a <see cref="BaselineReportException"/> says why a file is not one.</summary>
    public static BaselineReport Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != JsonReportWriter.Schema)
                throw new BaselineReportException(path, $"not a DataScrub JSON report (no \"schema\": \"{JsonReportWriter.Schema}\")");
            if (!root.TryGetProperty("datasets", out var datasets) || datasets.ValueKind != JsonValueKind.Array)
                throw new BaselineReportException(path, "the report has no \"datasets\" array");
            return new BaselineReport(path, [.. datasets.EnumerateArray().Select(d => ReadDataset(path, d))]);
        }
        catch (JsonException e)
        {
            throw new BaselineReportException(path, $"not valid JSON at line {e.LineNumber + 1}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BaselineReportException(path, $"cannot read it: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
        {
            // A value of the wrong JSON type where the schema has a number or a string.
            throw new BaselineReportException(path, $"not a DataScrub report of this schema: {e.Message}");
        }
    }

    /// <summary>The baseline's entry for a dataset of this run: the same path as given, else the same full path, else
    /// the only dataset when both runs have one (a dataset moved between runs).</summary>
    public BaselineDataset? Match(string path, int datasetsInRun)
    {
        var same = Datasets.FirstOrDefault(d => d.Path == path)
            ?? Datasets.FirstOrDefault(d => System.IO.Path.GetFullPath(d.Path) == System.IO.Path.GetFullPath(path));
        return same ?? (Datasets.Count == 1 && datasetsInRun == 1 ? Datasets[0] : null);
    }

    private static BaselineDataset ReadDataset(string file, JsonElement d)
    {
        var path = d.GetProperty("path").GetString() ?? throw new BaselineReportException(file, "a dataset without a path");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (d.TryGetProperty("counts", out var c))
            foreach (var p in c.EnumerateObject()) counts[p.Name] = p.Value.GetInt64();
        var findings = new List<FindingIdentity>();
        if (d.TryGetProperty("findings", out var f))
            foreach (var finding in f.EnumerateArray()) findings.Add(FindingIdentity.Of(finding));
        var histogram = new Dictionary<long, long>();
        if (d.TryGetProperty("labels", out var labels) && labels.TryGetProperty("histogram", out var h))
            foreach (var p in h.EnumerateObject()) histogram[long.Parse(p.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)] = p.Value.GetInt64();
        return new BaselineDataset(path, counts, findings, histogram);
    }
}

/// <summary>One dataset of the baseline report.</summary>
/// <param name="Path">The dataset path as the baseline run was given it.</param>
/// <param name="Counts">Findings per kind name, listed or not.</param>
/// <param name="Findings">The listed findings (up to that run's --max-findings per kind).</param>
/// <param name="Histogram">Samples per label.</param>
public sealed record BaselineDataset(string Path, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<FindingIdentity> Findings,
    IReadOnlyDictionary<long, long> Histogram);

/// <summary>A report file that cannot serve as a baseline: a usage error naming the file.</summary>
public sealed class BaselineReportException(string path, string reason) : DataScrubException($"{path}: {reason}");
