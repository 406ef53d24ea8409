using System.Diagnostics;
using Xunit.Abstractions;

namespace DataScrub.Tests.Hostile;

/// <summary>One mutated input: what was done to the original (for the failure message) and the parser call on it.
/// <see cref="Parse"/> returns true when the parser reported damage (a finding, an error message), false when it read
/// the input as sound; throwing is allowed only with the layer's documented exception type.</summary>
public sealed record MutationCase(string Description, Func<bool> Parse);

/// <summary>
/// Runs mutated inputs through a parser on one worker thread and holds every case to the hostile-input contract:
/// it ends (findings, or the parser's documented exception), within <see cref="CaseTimeLimit"/>, allocating at most
/// <see cref="CaseAllocationLimit"/> on its thread (so a length field of 2^31 that reaches <c>new byte[n]</c> fails the
/// case even when the allocation succeeds). A case that runs past the time limit is reported while it still runs (the
/// worker is a background thread, left behind), so a hang fails the test instead of stalling the suite.
/// </summary>
public sealed class MutationRun(string what, ITestOutputHelper output)
{
    /// <summary>A hang detector, not a benchmark: cases take milliseconds, but on a loaded 2-core CI machine the first
    /// case of a format (JIT, PureHDF's start-up) took 3.7 s, which a 2 s limit called a hang.</summary>
    public static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(20);

    /// <summary>Far above what any fixture needs (the largest is ~100 KB), far below a 2 GiB allocation.</summary>
    public const long CaseAllocationLimit = 256L << 20;

    /// <summary>Names a file to which every case is appended before it runs (for finding the input that crashed the process).</summary>
    public const string TraceVariable = "DATASCRUB_MUTATION_TRACE";

    private readonly Dictionary<string, int> _exceptions = new(StringComparer.Ordinal);
    private volatile string? _current;
    private long _currentStart;
    private string? _failure;

    public int Cases { get; private set; }

    /// <summary>Cases whose damage the parser reported as findings or error messages.</summary>
    public int Reported { get; private set; }

    /// <summary>Cases the parser read as sound (a flip inside a payload byte is still a valid store).</summary>
    public int ReadAsSound { get; private set; }

    /// <summary>Cases that ended in the documented exception.</summary>
    public int Refused { get; private set; }

    /// <summary>Runs cases 0..<paramref name="count"/>-1 made by <paramref name="make"/> (called on the worker, before
    /// the clock and the allocation counter start); <paramref name="isDocumented"/> says which exceptions are the
    /// layer's clean error.</summary>
    public MutationRun Run(int count, Func<int, MutationCase> make, Func<Exception, bool> isDocumented)
    {
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() => Work(count, make, isDocumented)) { IsBackground = true, Name = $"mutation-{what}" };
        worker.Start();
        while (!worker.Join(50))
        {
            var started = Interlocked.Read(ref _currentStart);
            if (_current is { } running && started != 0 && Stopwatch.GetElapsedTime(started) > CaseTimeLimit * 2)
                Assert.Fail($"{what}: a case still runs after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (a hang): {running}");
        }
        if (_failure is not null) Assert.Fail($"{what}: {_failure}");
        var exceptions = string.Join(", ", _exceptions.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"));
        output.WriteLine($"{what}: {Cases} mutated inputs in {clock.Elapsed.TotalSeconds:0.00} s: {Reported} reported damage, " +
            $"{ReadAsSound} read as sound, {Refused} refused with the documented error ({exceptions})");
        // The mutations must reach the parser's checks: a run in which nothing is ever noticed tests nothing.
        Assert.True(Reported + Refused > 0, $"{what}: none of {Cases} mutations was noticed");
        return this;
    }

    private void Work(int count, Func<int, MutationCase> make, Func<Exception, bool> isDocumented)
    {
        for (var i = 0; i < count && _failure is null; i++)
        {
            var mutation = make(i);
            _current = $"case {i}: {mutation.Description}";
            // A native crash (liblmdb, libjpeg) kills the test host before any message: the trace file then ends with the case.
            if (Environment.GetEnvironmentVariable(TraceVariable) is { } trace) File.AppendAllText(trace, _current + "\n");
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            Interlocked.Exchange(ref _currentStart, Stopwatch.GetTimestamp());
            try
            {
                if (mutation.Parse()) Reported++;
                else ReadAsSound++;
            }
            catch (Exception e) when (isDocumented(e))
            {
                Refused++;
                var name = e.GetType().Name;
                _exceptions[name] = _exceptions.GetValueOrDefault(name) + 1;
            }
            catch (Exception e)
            {
                _failure = $"case {i} ({mutation.Description}) threw an undocumented {e.GetType().Name}: {e}";
            }
            var elapsed = Stopwatch.GetElapsedTime(Interlocked.Exchange(ref _currentStart, 0));
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Cases++;
            if (_failure is null && elapsed > CaseTimeLimit)
                _failure = $"case {i} ({mutation.Description}) took {elapsed.TotalSeconds:0.00} s, over the {CaseTimeLimit.TotalSeconds} s limit";
            if (_failure is null && bytes > CaseAllocationLimit)
                _failure = $"case {i} ({mutation.Description}) allocated {bytes >> 20} MiB, over the {CaseAllocationLimit >> 20} MiB limit";
        }
        _current = null;
    }
}
