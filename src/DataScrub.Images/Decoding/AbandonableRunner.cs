namespace DataScrub.Images.Decoding;

/// <summary>
/// Runs work that cannot be interrupted (a managed decoder: .NET has no way to stop a thread) on a thread the caller
/// can walk away from. The caller waits up to a time limit; past it, the thread is abandoned: it runs on in the
/// background until the work returns (its result is dropped), then ends, and the caller goes on with the next sample.
/// What that costs: a handoff to another thread per call (a few microseconds), a thread and the memory its work holds
/// per abandoned call, and a core for as long as a hung decode spins. So that a dataset of files that all hang cannot
/// pile up threads, at most <see cref="MaxStuck"/> abandoned calls may be running at once; past that, work is refused
/// until one of them ends.
/// </summary>
public sealed class AbandonableRunner(int maxStuck = AbandonableRunner.DefaultMaxStuck)
{
    public const int DefaultMaxStuck = 4;

    /// <summary>The process's runner (its idle threads are reused across scans).</summary>
    public static AbandonableRunner Shared { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentBag<Runner> idle = [];
    private int stuck;

    public int MaxStuck => maxStuck;

    /// <summary>Abandoned calls still running.</summary>
    public int Stuck => Volatile.Read(ref stuck);

    /// <summary>Runs <paramref name="work"/>; false when it did not return within <paramref name="limit"/> (it is
    /// abandoned) or was refused because <see cref="MaxStuck"/> abandoned calls are still running
    /// (<paramref name="refused"/> says so). Exceptions the work throws are rethrown here.</summary>
    public bool TryRun<T>(Func<T> work, TimeSpan limit, out T? result, out bool refused)
    {
        result = default;
        refused = Stuck >= maxStuck;
        if (refused) return false;
        if (!idle.TryTake(out var runner)) runner = new Runner(this);
        var job = new Job<T>(work);
        runner.Start(job);
        if (!runner.Done.Wait(limit))
        {
            Interlocked.Increment(ref stuck);
            if (runner.TryAbandon()) return false;
            // It finished between the timed wait and the abandoning: take the result after all.
            Interlocked.Decrement(ref stuck);
            runner.Done.Wait();
        }
        idle.Add(runner);
        if (job.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        result = job.Result;
        return true;
    }

    private abstract class JobBase
    {
        public abstract void Run();
    }

    private sealed class Job<T>(Func<T> work) : JobBase
    {
        public T? Result { get; private set; }

        public Exception? Error { get; private set; }

        public override void Run()
        {
            try
            {
                Result = work();
            }
            catch (Exception e)
            {
                Error = e;
            }
        }
    }

    /// <summary>One background thread: runs a job, then waits for the next, or ends when its caller abandoned it.</summary>
    private sealed class Runner
    {
        private const int Idle = 0, Running = 1, Abandoned = 2;

        private readonly AbandonableRunner owner;
        private readonly SemaphoreSlim start = new(0);
        private JobBase? job;
        private int state;

        public Runner(AbandonableRunner owner)
        {
            this.owner = owner;
            new Thread(Loop) { IsBackground = true, Name = "datascrub-decode" }.Start();
        }

        public ManualResetEventSlim Done { get; } = new(false);

        public void Start(JobBase next)
        {
            job = next;
            Done.Reset();
            Volatile.Write(ref state, Running);
            start.Release();
        }

        /// <summary>True when the job was still running and is now abandoned.</summary>
        public bool TryAbandon() => Interlocked.CompareExchange(ref state, Abandoned, Running) == Running;

        private void Loop()
        {
            while (true)
            {
                start.Wait();
                job!.Run();
                job = null;
                if (Interlocked.CompareExchange(ref state, Idle, Running) == Abandoned)
                {
                    Interlocked.Decrement(ref owner.stuck);
                    return;
                }
                Done.Set();
            }
        }
    }
}
