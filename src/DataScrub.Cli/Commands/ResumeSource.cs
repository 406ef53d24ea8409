using System.Text.Json;
using DataScrub.Sharding;

namespace DataScrub.Cli.Commands;

/// <summary>A <c>--resume REPORT</c> that cannot be resumed: the message says why, naming the file.</summary>
internal sealed class ResumeRefusedException(string message) : Exception(message);

/// <summary>
/// The interrupted scan <c>scan --resume REPORT</c> continues: its JSON report (a DataScrub report that says
/// <c>"complete": false</c> and names its state file), and that state file, open, checked (magic, checksum) and read
/// up to its datasets' parts. A resume with other datasets or other verdict-shaping options would merge parts judged
/// differently, so <see cref="Mismatch"/> compares them with the command line.
/// </summary>
internal sealed class ResumeSource : IDisposable
{
    private ResumeSource(string report, string statePath, FileStream stream, ShardStateReader reader, ResumeStateFile.Header header,
        IReadOnlyList<ResumeStateFile.Dataset> datasets)
    {
        Report = report;
        StatePath = statePath;
        Stream = stream;
        Reader = reader;
        Header = header;
        Datasets = datasets;
    }

    public string Report { get; }

    public string StatePath { get; }

    public FileStream Stream { get; }

    public ShardStateReader Reader { get; }

    public ResumeStateFile.Header Header { get; }

    /// <summary>Per dataset of the scan, in order: how far the interrupted runs got, and their parts.</summary>
    public IReadOnlyList<ResumeStateFile.Dataset> Datasets { get; }

    /// <exception cref="ResumeRefusedException">Not an interrupted scan's report, or its state is missing or damaged.</exception>
    public static ResumeSource Open(string report)
    {
        string state;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(report));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != DataScrub.Reporting.JsonReportWriter.Schema)
                throw new ResumeRefusedException($"{report} is not a DataScrub report (no \"schema\": \"{DataScrub.Reporting.JsonReportWriter.Schema}\")");
            if (root.TryGetProperty("shard", out _))
                throw new ResumeRefusedException($"{report} is a shard's report: a shard is not resumed, it is scanned again (scan --shard I/N)");
            if (!root.TryGetProperty("complete", out var complete) || complete.ValueKind == JsonValueKind.True)
                throw new ResumeRefusedException($"{report} is the report of a complete scan: there is nothing to resume");
            if (!root.TryGetProperty("incomplete", out var incomplete) || !incomplete.TryGetProperty("state", out var named) || named.ValueKind != JsonValueKind.String)
            {
                var reason = incomplete.ValueKind == JsonValueKind.Object && incomplete.TryGetProperty("reason", out var r) ? r.GetString() : null;
                throw new ResumeRefusedException($"{report}: the scan ended by {reason ?? "an error"} and kept no state to resume from: scan again");
            }
            state = named.GetString()!;
            if (state.Length == 0 || Path.GetFileName(state) != state) throw new ResumeRefusedException($"{report}: its \"incomplete\" names no state file beside it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            throw new ResumeRefusedException($"cannot read {report} as a DataScrub report: {e.Message}");
        }
        var statePath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(report))!, state);
        FileStream stream;
        try
        {
            stream = new FileStream(statePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResumeRefusedException($"{report}: its state file {statePath} cannot be read: {e.Message}");
        }
        var reader = new ShardStateReader(stream, statePath);
        try
        {
            var header = ResumeStateFile.ReadHeader(reader);
            return new ResumeSource(report, statePath, stream, reader, header, ResumeStateFile.ReadDatasets(reader));
        }
        catch (ShardStateException e)
        {
            reader.Dispose();
            stream.Dispose();
            throw new ResumeRefusedException($"{report}: {e.Message}");
        }
    }

    /// <summary>How this command line differs from the interrupted scan's (version, datasets, options), or null.</summary>
    public string? Mismatch(string version, IReadOnlyList<string> words, IReadOnlyList<string> paths)
    {
        if (Header.Version != version)
            return $"{Report} was written by datascrub {Header.Version}, this is {version}: resume it with that version, or scan again";
        if (!Header.Paths.SequenceEqual(paths))
            return $"{Report} scanned {string.Join(" ", Header.Paths)}, not {string.Join(" ", paths)}: give the same datasets in the same order";
        if (!Header.Settings.SequenceEqual(words))
        {
            var differ = Header.Settings.Except(words).Select(w => $"{w} (was given)").Concat(words.Except(Header.Settings).Select(w => $"{w} (is new)"));
            return $"{Report} was scanned with other options: {string.Join(", ", differ)}; give the same options";
        }
        return null;
    }

    public void Dispose()
    {
        Reader.Dispose();
        Stream.Dispose();
    }
}
