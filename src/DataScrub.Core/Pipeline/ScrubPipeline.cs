using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using DataScrub.Formats;
using DataScrub.Reporting;
using DataScrub.Samples;

namespace DataScrub.Pipeline;

/// <summary>
/// Reader thread → bounded queue of batches → N worker threads → aggregator (the calling thread).
/// A semaphore counts batches between "read" and "aggregated", so neither the queue nor the reorder
/// buffer can grow with the dataset: memory is bounded by threads × in-flight batches × batch size.
/// </summary>
public static class ScrubPipeline
{
    /// <exception cref="DatasetUnreadableException">The reader gave up on the store as a whole.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static DatasetReport Run(IDatasetReader reader, ScrubOptions options, ScanProgress? progress = null,
        CancellationToken cancellationToken = default) =>
        Run(reader, options, progress, observe: null, cancellationToken);

    /// <param name="observe">Sees every finding once the severity policy applied (a kind switched off never
    /// arrives), on the calling thread, in the order the report counts them: a rebuild collects what to drop.</param>
    /// <exception cref="DatasetUnreadableException">The reader gave up on the store as a whole.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static DatasetReport Run(IDatasetReader reader, ScrubOptions options, ScanProgress? progress, Action<Findings.Finding>? observe,
        CancellationToken cancellationToken) =>
        Run(reader, options, progress, observe, stop: null, cancellationToken).Report;

    /// <summary>
    /// A scan that may end early and be resumed (<c>scan --resume</c>): in shard mode (<see cref="Analysis.AnalysisOptions.Shard"/>),
    /// so the report carries the <see cref="Sharding.ShardResult"/> a merge joins with the other parts of the dataset.
    /// Once <paramref name="stop"/> is cancelled the reader stops at the end of the unit it is in and what was read is
    /// scanned; a store that fails after the first sample (<see cref="DatasetUnreadableException"/>, <see cref="IOException"/>)
    /// ends the scan the same way, mid-unit. Either way the returned <see cref="ScanStop"/> says where.
    /// </summary>
    /// <exception cref="DatasetUnreadableException">The store failed before its first sample.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (nothing is kept).</exception>
    public static (DatasetReport Report, ScanStop? Stop) RunStoppable(IDatasetReader reader, ScrubOptions options, ScanProgress? progress,
        CancellationToken stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Analysis.Shard) throw new ArgumentException("a stoppable scan runs its analyses in shard mode: its parts are merged", nameof(options));
        return Run(reader, options, progress, observe: null, stop, cancellationToken);
    }

    private static (DatasetReport Report, ScanStop? Stop) Run(IDatasetReader reader, ScrubOptions options, ScanProgress? progress,
        Action<Findings.Finding>? observe, CancellationToken? stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        progress ??= new ScanProgress();
        progress.ExpectedSamples = reader.Info.ExpectedSamples;

        var clock = Stopwatch.StartNew();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cancel.Token;
        var inFlightLimit = options.Threads * options.InFlightBatchesPerWorker;
        using var inFlight = new SemaphoreSlim(inFlightLimit, inFlightLimit);
        using var work = new BlockingCollection<SampleBatch>(new ConcurrentQueue<SampleBatch>(), options.Threads * 2);
        using var results = new BlockingCollection<BatchResult>(new ConcurrentQueue<BatchResult>());
        var checks = options.Checks(reader.Info);
        var analyses = options.CreateAnalyses(reader.Info) ?? Analysis.StandardAnalyses.Create(options.Analysis, reader.Info, options.Severities);
        var aggregator = new ReportAggregator(options.MaxFindingsPerKind, progress, analyses, observe, options.Severities);
        ExceptionDispatchInfo? failure = null;
        ScanStop? stopped = null;

        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            cancel.Cancel();
        }

        var readerThread = new Thread(() =>
        {
            try { stopped = ReadBatches(reader, options, work, inFlight, stop, token); }
            catch (Exception e) { Fail(e); }
            finally { work.CompleteAdding(); }
        }) { Name = "datascrub-reader", IsBackground = true };

        var workersLeft = options.Threads;
        var workers = Enumerable.Range(0, options.Threads).Select(i => new Thread(() =>
        {
            try
            {
                var worker = new SampleWorker(checks, analyses);
                foreach (var batch in work.GetConsumingEnumerable(token))
                    results.Add(worker.Process(batch), token);
            }
            catch (Exception e) { Fail(e); }
            finally
            {
                if (Interlocked.Decrement(ref workersLeft) == 0) results.CompleteAdding();
            }
        }) { Name = $"datascrub-worker-{i}", IsBackground = true }).ToList();

        readerThread.Start();
        workers.ForEach(w => w.Start());
        try
        {
            foreach (var result in results.GetConsumingEnumerable(token))
            {
                var released = aggregator.Accept(result);
                if (released > 0) inFlight.Release(released);
            }
        }
        catch (OperationCanceledException) when (failure is not null || cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            cancel.Cancel();
            readerThread.Join();
            workers.ForEach(w => w.Join());
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        var report = options.Analysis.Shard
            ? aggregator.CompleteShard(reader.Info, reader.StoreFindings, clock.Elapsed.TotalSeconds)
            : aggregator.Complete(reader.Info, reader.StoreFindings, clock.Elapsed.TotalSeconds);
        return (report, stopped);
    }

    /// <returns>Where the reading stopped before the dataset's end (only with <paramref name="stop"/>), else null.</returns>
    private static ScanStop? ReadBatches(IDatasetReader reader, ScrubOptions options, BlockingCollection<SampleBatch> work,
        SemaphoreSlim inFlight, CancellationToken? stop, CancellationToken token)
    {
        long sequence = 0;
        var samples = new Sample[options.BatchMaxSamples];
        var count = 0;
        long bytes = 0;
        long unit = 0;
        long read = 0;
        string? last = null;

        void Flush()
        {
            // The id now, while the sample is the reader's: a worker may release its buffers once it is checked.
            last = samples[count - 1].DisplayId;
            inFlight.Wait(token);
            work.Add(new SampleBatch(sequence++, samples, count, bytes, unit), token);
            samples = new Sample[options.BatchMaxSamples];
            count = 0;
            bytes = 0;
        }

        using var source = reader.ReadSamples(token).GetEnumerator();
        while (true)
        {
            Sample sample;
            try
            {
                if (!source.MoveNext()) break;
                sample = source.Current;
            }
            catch (Exception e) when (stop is not null && read > 0 && e is DatasetUnreadableException or IOException)
            {
                // What was read is scanned: the report of the part before the failure is worth hours.
                if (count > 0) Flush();
                return new ScanStop(ScanStopReason.StoreError, unit, reader.Info.Units, read, last, e);
            }
            if (read == 0 || sample.Unit != unit)
            {
                // A batch never spans two units: the statistics fold per unit, the same batches in every shard split.
                if (count > 0) Flush();
                // A stop waits for a unit's end: a resumed scan starts at a unit, and the unit trees hold whole units.
                if (stop is { IsCancellationRequested: true }) return new ScanStop(ScanStopReason.Requested, sample.Unit, reader.Info.Units, read, last, null);
            }
            unit = sample.Unit;
            samples[count++] = sample;
            read++;
            bytes += sample.ReportedBytes;
            if (count == samples.Length || bytes >= options.BatchMaxBytes) Flush();
        }
        if (count > 0) Flush();
        return null;
    }
}
