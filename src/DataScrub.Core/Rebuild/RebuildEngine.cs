using DataScrub.Files;
using DataScrub.Findings;
using DataScrub.Formats;
using DataScrub.Pipeline;
using DataScrub.Reporting;

namespace DataScrub.Rebuild;

/// <summary>
/// <c>datascrub rebuild</c>: scan the source (collecting every sample the drop rule matches), write the
/// survivors with the format's rebuilder into a temporary sibling of the destination, flush it, write the
/// manifest, re-open and re-scan the copy, and only then rename it into place (atomically exchanging it
/// with an old destination under <c>--force</c>). The source is only ever opened by the read-only readers.
/// </summary>
public sealed class RebuildEngine(FormatRegistry registry, string tool)
{
    public const string ManifestName = "datascrub-rebuild.json";

    /// <param name="staleFound">Told of each temporary of an interrupted rebuild, before it is removed.</param>
    /// <exception cref="RebuildException">The destination is unusable, or writing or verification failed (nothing was put in place);
    /// <see cref="DestinationExistsException"/>, <see cref="UnknownTargetFormatException"/> and <see cref="UncoveredFindingException"/>
    /// say what a caller could ask instead.</exception>
    /// <exception cref="DatasetUnreadableException">The source cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the temporary copy is removed.</exception>
    public RebuildResult Run(RebuildRequest request, ScanProgress? progress, Action<StaleTemporary>? staleFound, CancellationToken cancellationToken)
    {
        var format = registry.Resolve(request.Source, request.Format);
        var targetFormat = request.To is null ? format
            : registry.Formats.FirstOrDefault(f => f.Name == request.To)
              ?? throw new UnknownTargetFormatException(request.To, [.. registry.Names]);
        // A conversion or order this build cannot write is refused before the scan, dry run or not.
        if (targetFormat.Rebuilder.Refusal(format, request.Source, request.ShuffleSeed is not null) is { } refusal)
            throw new RebuildRefusedException(refusal);
        var target = new RebuildTarget(request.Destination);
        CheckDestination(request, target);

        var active = target.FindActive();
        if (active.Count > 0)
            throw new RebuildException($"{active[0]}: another rebuild of {target.Destination} is running (remove the directory if it is not)", isUsage: true);
        var stale = target.FindStale();
        foreach (var path in stale)
        {
            staleFound?.Invoke(new StaleTemporary(path, target.Destination, Removed: !request.DryRun));
            if (!request.DryRun) RemoveStale(path, target);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<KeyValuePair<string, double>>();
        void Phase(string name)
        {
            phases.Add(new(name, Math.Round(clock.Elapsed.TotalSeconds, 3)));
            clock.Restart();
        }
        DatasetReport source;
        IReadOnlyList<Finding> storeFindings;
        IReadOnlyDictionary<string, (long First, long Count)>? fileSpans;
        var fileOf = format.Rebuilder.FileOfSample;
        var collector = new DropCollector(request.Drop);
        using (var reader = format.OpenReader(request.Source, request.ReaderOptions))
        {
            // Only sources with files of samples pay for noting where each file's samples lie.
            var spans = fileOf is null ? null : new FileSpanReader(reader, fileOf);
            source = ScrubPipeline.Run(spans ?? reader, request.ScanOptions, progress, collector.Observe, cancellationToken);
            storeFindings = [.. reader.StoreFindings];
            fileSpans = spans?.Spans;
        }
        Phase("scan");
        // Decided before anything is written, and the same for a dry run: what goes, or a refusal.
        var plan = RebuildPlanner.Plan(request, format, source, collector.Dropped, storeFindings, fileSpans, target.Temporary);
        var preview = targetFormat.Rebuilder.Preview(plan);
        if (request.DryRun)
            return new RebuildResult(target.Destination, source, plan, plan.Survivors, null, [.. plan.Notes, .. preview], stale, DryRun: true) { Seconds = phases };

        try
        {
            Write(target, () => Directory.CreateDirectory(target.Temporary));
            var output = Write(target, () =>
            {
                using var writer = targetFormat.Rebuilder.CreateWriter(plan);
                return RebuildLoop.Run(plan, writer, cancellationToken);
            });
            IReadOnlyList<string> notes = [.. plan.Notes, .. output.Notes];
            // The manifest and the flush write too: a full disk or an I/O error there is a failed write, not a bug.
            Write(target, () =>
            {
                RebuildManifest.Write(Path.Combine(target.Temporary, ManifestName), tool, request, format.Name, targetFormat.Name, source, plan, output.Written, notes);
                Phase("write");
                FlushTree(target.Temporary);
                Phase("flush");
                return output;
            });
            var verification = Verify(targetFormat, request, plan, target, output, cancellationToken);
            Phase("verify");
            try
            {
                PutInPlace(target, request.Force);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RebuildException($"putting the verified copy in place at {target.Destination} failed: {SystemError.Reason(e)}; the source is untouched", isUsage: false, e);
            }
            Phase("rename");
            return new RebuildResult(target.Destination, source, plan, output.Written, verification, notes, stale, DryRun: false) { Seconds = phases };
        }
        catch
        {
            // Whatever failed (or was cancelled), no partial destination: the temporary goes.
            TryDelete(target.Temporary);
            throw;
        }
    }

    private static void CheckDestination(RebuildRequest request, RebuildTarget target)
    {
        var source = Path.GetFullPath(request.Source).TrimEnd(Path.DirectorySeparatorChar);
        bool Within(string inner, string outer) =>
            inner == outer || inner.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        // Never inside a source directory, never around the source (--force would replace it), nor around
        // the folder a listfile's images live in.
        var roots = new List<string> { source };
        if (request.ReaderOptions.Root is { } root) roots.Add(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar));
        foreach (var r in roots)
            if (Within(target.Destination, r) && Directory.Exists(r) || Within(r, target.Destination))
                throw new RebuildException($"{target.Destination}: the destination must lie outside the source {r} and not contain it", isUsage: true);
        if (File.Exists(target.Destination))
            throw new RebuildException($"{target.Destination}: exists and is a file; the destination is a directory", isUsage: true);
        if (Directory.Exists(target.Destination) && !request.Force)
            throw new DestinationExistsException(target.Destination);
        if (!Directory.Exists(target.Parent))
            throw new RebuildException($"{target.Parent}: the destination's parent directory does not exist", isUsage: true);
        // Found before a long scan, not after it; root, too, cannot write on a read-only filesystem or in /sys.
        if (OutputLocation.WhyNotInDirectory(target.Parent) is { } why)
            throw new RebuildException($"{target.Destination}: {why}; nothing was written", isUsage: false);
    }

    private static void RemoveStale(string path, RebuildTarget target)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RebuildException($"cannot remove {path}, left by an interrupted rebuild of {target.Destination}: {SystemError.Reason(e)}; remove it, then run again", isUsage: false, e);
        }
    }

    private static T Write<T>(RebuildTarget target, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RebuildException($"writing {target.Destination} failed: {SystemError.Reason(e)}; nothing was put in place and the source is untouched", isUsage: false, e);
        }
    }

    /// <summary>Re-opens the copy with DataScrub's own reader and scans it: the count must be the source's
    /// minus the dropped samples, and no sample the drop rule matches may remain.</summary>
    private DatasetReport Verify(IDatasetFormat format, RebuildRequest request, RebuildPlan plan, RebuildTarget target, RebuildOutput output, CancellationToken cancellationToken)
    {
        var copy = output.ScanPath.Length == 0 ? target.Temporary : Path.Combine(target.Temporary, output.ScanPath);
        var droppedKinds = request.Drop.DroppedKinds.ToHashSet();
        // Only what can find a dropped kind: the warnings-only checks (and the duplicate index) are
        // skipped unless their kind was dropped, which keeps the re-scan cheaper than the first one.
        var optional = new Dictionary<string, FindingKind>
        {
            ["statistics"] = FindingKinds.ConstantSample,
            ["fp16-overflow"] = FindingKinds.Fp16Overflow,
            ["empty-mask"] = FindingKinds.EmptyMask,
        };
        var options = request.ScanOptions with
        {
            Checks = dataset => [.. request.ScanOptions.Checks(dataset).Where(c => !optional.TryGetValue(c.Id, out var kind) || droppedKinds.Contains(kind))],
            Analysis = request.ScanOptions.Analysis with
            {
                Duplicates = droppedKinds.Contains(FindingKinds.Duplicate),
                ComputeMeanImage = false,
                ReferenceMean = null,
            },
        };
        DatasetReport verification;
        // The same rule, so that what remains is judged as the source was: by each finding's own severity.
        var remains = new DropCollector(request.Drop);
        try
        {
            using var reader = format.OpenReader(copy, request.ReaderOptions with { Root = null, MaskRoot = null });
            verification = ScrubPipeline.Run(reader, options, null, remains.Observe, cancellationToken);
        }
        catch (DatasetUnreadableException e)
        {
            throw new RebuildException($"verification failed: the copy cannot be read back: {e.Reason}", isUsage: false, e);
        }
        var expected = plan.Survivors;
        if (verification.Samples != expected || output.Written != expected)
            throw new RebuildException(
                $"verification failed: the copy holds {verification.Samples} samples (written {output.Written}), expected {expected} ({plan.DroppedSamples} dropped)", isUsage: false);
        var remaining = remains.Dropped.SelectMany(d => d.Kinds).GroupBy(k => k).Select(g => $"{g.Count()} {g.Key}").ToList();
        if (remaining.Count > 0)
            throw new RebuildException($"verification failed: the copy still has {string.Join(", ", remaining)}", isUsage: false);
        return verification;
    }

    /// <summary>Renames the verified copy into place; with an old destination, swaps them atomically
    /// (renameat2 RENAME_EXCHANGE) and then removes the old one.</summary>
    private static void PutInPlace(RebuildTarget target, bool force)
    {
        if (Directory.Exists(target.Destination))
        {
            if (!force) throw new RebuildException($"{target.Destination}: appeared while rebuilding; not replaced", isUsage: true);
            if (!NativeFileSystem.TryExchange(target.Temporary, target.Destination))
            {
                var old = target.Temporary + "-old";
                Directory.Move(target.Destination, old);
                Directory.Move(target.Temporary, target.Destination);
                NativeFileSystem.SyncDirectory(target.Parent);
                Directory.Delete(old, recursive: true);
                return;
            }
            NativeFileSystem.SyncDirectory(target.Parent);
            // After the exchange the temporary name holds the old destination.
            Directory.Delete(target.Temporary, recursive: true);
            return;
        }
        Directory.Move(target.Temporary, target.Destination);
        NativeFileSystem.SyncDirectory(target.Parent);
    }

    /// <summary>Every file and directory of the copy on disk before it can be renamed into place: one
    /// syncfs of its filesystem where there is one, else an fsync per file and directory.</summary>
    private static void FlushTree(string root)
    {
        if (NativeFileSystem.TrySyncFileSystem(root)) return;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Append(root))
            NativeFileSystem.SyncDirectory(directory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reported as stale by the next rebuild of the same destination.
        }
    }
}
