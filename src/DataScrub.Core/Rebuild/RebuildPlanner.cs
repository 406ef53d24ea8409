using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Reporting;

namespace DataScrub.Rebuild;

/// <summary>
/// Decides, after the scan and before anything is written (and the same way for a dry run), what a rebuild
/// leaves out and whether it can go ahead. Samples go by the drop rule. A finding about a part of the source
/// rather than one sample (the reader's findings: a file of an HDF5 list that Caffe refuses, a list entry
/// naming no readable file, a damaged LevelDB table) must be covered by the drop rule: then the file or entry
/// is left out whole, as Caffe's own fix is to remove it from the list, and named; otherwise the rebuild is
/// refused, rather than writing a copy that keeps the defect or silently loses the part. What DataScrub cannot
/// read (an unsupported filter) is always refused: it may be valid data, and a copy would lose it.
/// </summary>
internal static class RebuildPlanner
{
    /// <param name="storeFindings">The reader's findings about the source's parts: all of them, not only those the report lists.</param>
    /// <param name="fileSpans">Where each file's samples lie, for sources whose files can be left out whole; null for others.</param>
    /// <exception cref="UncoveredFindingException">A finding about a part of the source that the drop rule does not cover.</exception>
    /// <exception cref="RebuildException">The source cannot be copied as asked (one line saying why).</exception>
    /// <param name="collected">The samples the drop rule matched during the scan, in storage order.</param>
    public static RebuildPlan Plan(RebuildRequest request, IDatasetFormat format, DatasetReport source, IReadOnlyList<DroppedSample> collected,
        IReadOnlyList<Finding> storeFindings, IReadOnlyDictionary<string, (long First, long Count)>? fileSpans, string destination)
    {
        var drop = request.Drop;
        var files = new List<DroppedFile>();
        var notes = new List<string>();
        // A finding of a kind the rule drops that could not name its samples (far labels past what the scan keeps):
        // the copy would keep them.
        if (source.Findings.FirstOrDefault(f => f.SampleIndex is null && f.Sample is null && f.File is null && f.Kind.Level == FindingLevel.Sample && drop.Covers(f)) is { } unnamed)
            throw new RebuildException($"{unnamed.Kind.Name}: {unnamed.Message}; these samples cannot be dropped by name; nothing was written", isUsage: false);
        foreach (var reported in storeFindings.Where(f => f.SampleIndex is null && (f.Sample ?? f.File) is not null))
        {
            // The user's --severity applies to the reader's findings as to the others; a kind switched off is no defect.
            if (request.ScanOptions.Severities.Apply(reported) is not { } finding) continue;
            // An entry of a list (named by its sample id) or a file of the source.
            var isEntry = finding.Sample is not null;
            var name = (finding.Sample ?? finding.File)!;
            if (finding.Kind == FindingKinds.UnsupportedFilter)
                throw new RebuildException($"{name}: {finding.Message}, so it cannot be copied; nothing was written", isUsage: false);
            if (finding.Severity != Severity.Error) continue;
            if (!(drop.DropErrors || drop.Kinds.Contains(finding.Kind)))
                throw new UncoveredFindingException(name, finding, isEntry, fileSpans is not null);
            if (!isEntry && fileSpans is null)
            {
                // A damaged part of a store that keeps no files of samples (a LevelDB table): its readable
                // records are copied, the rest could not be read.
                var at = finding.Offset is { } offset ? $" (offset {offset})" : "";
                notes.Add($"{name}{at}: {finding.Message}; the records it held could not be read and are not in the copy");
                continue;
            }
            var index = files.FindIndex(f => f.Name == name);
            if (index >= 0)
            {
                if (!files[index].Kinds.Contains(finding.Kind.Name)) files[index] = files[index] with { Kinds = [.. files[index].Kinds, finding.Kind.Name] };
                continue;
            }
            var (first, count) = fileSpans?.GetValueOrDefault(name) ?? (-1, 0);
            files.Add(new DroppedFile(name, [finding.Kind.Name], finding.Message, count > 0 ? first : -1, count));
        }

        var dropped = collected.Where(d => !files.Any(f => f.Holds(d.Index))).ToList();
        var plan = new RebuildPlan(format, request.Source, request.ReaderOptions, destination, dropped,
            source.Samples - dropped.Count - files.Sum(f => f.Samples), source.Bytes, request.ShuffleSeed)
        {
            DroppedFiles = files,
            Drops = DropSet.Of(dropped, files),
            FileSpans = fileSpans ?? new Dictionary<string, (long First, long Count)>(),
        };
        if (plan.Survivors == 0 && (source.Samples > 0 || files.Count > 0))
            throw new RebuildException(source.Samples > 0
                ? $"every one of the {source.Samples} samples would be dropped{Because(plan)}; nothing to write"
                : $"nothing would be left to write{Because(plan)}", isUsage: false);
        var converts = request.To is not null && request.To != format.Name;
        if (plan.DroppedSamples == 0 && files.Count == 0 && notes.Count == 0 && !converts && request.ShuffleSeed is null)
            notes.Add($"plain copy: nothing to drop{(drop.IsEmpty ? " (no --drop-bad or --drop given)" : "")} and no --to or --shuffle; the copy holds every sample of the source, verified");
        return plan with { Notes = notes };
    }

    private static string Because(RebuildPlan plan) => plan.DroppedFiles.Count == 0 ? ""
        : $" ({string.Join("; ", plan.DroppedFiles.Select(f => $"{f.Name}: {string.Join(", ", f.Kinds)}: {f.Reason}"))})";
}
