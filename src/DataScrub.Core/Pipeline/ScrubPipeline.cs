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
        CancellationToken cancellationToken)
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

        void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            cancel.Cancel();
        }

        var readerThread = new Thread(() =>
        {
            try { ReadBatches(reader, options, work, inFlight, token); }
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
        return options.Analysis.Shard
            ? aggregator.CompleteShard(reader.Info, reader.StoreFindings, clock.Elapsed.TotalSeconds)
            : aggregator.Complete(reader.Info, reader.StoreFindings, clock.Elapsed.TotalSeconds);
    }

    private static void ReadBatches(IDatasetReader reader, ScrubOptions options, BlockingCollection<SampleBatch> work,
        SemaphoreSlim inFlight, CancellationToken token)
    {
        long sequence = 0;
        var samples = new Sample[options.BatchMaxSamples];
        var count = 0;
        long bytes = 0;
        long unit = 0;

        void Flush()
        {
            inFlight.Wait(token);
            work.Add(new SampleBatch(sequence++, samples, count, bytes, unit), token);
            samples = new Sample[options.BatchMaxSamples];
            count = 0;
            bytes = 0;
        }

        foreach (var sample in reader.ReadSamples(token))
        {
            // A batch never spans two units: the statistics fold per unit, the same batches in every shard split.
            if (count > 0 && sample.Unit != unit) Flush();
            unit = sample.Unit;
            samples[count++] = sample;
            bytes += sample.ReportedBytes;
            if (count == samples.Length || bytes >= options.BatchMaxBytes) Flush();
        }
        if (count > 0) Flush();
    }
}
