using DataScrub.Images.Decoding;

namespace DataScrub.Tests.Checks.Images;

/// <summary>The thread a managed decode runs on when it has a time limit: results and exceptions come back, work past
/// the limit is abandoned and the caller goes on, and abandoned work that never ends cannot pile up threads.</summary>
public class AbandonableRunnerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public void TryRun_WorkReturns_ItsResult()
    {
        var runner = new AbandonableRunner();
        Assert.True(runner.TryRun(() => 42, Long, out var result, out var refused));
        Assert.Equal((42, false, 0), (result, refused, runner.Stuck));
    }

    [Fact]
    public void TryRun_WorkThrows_RethrownToTheCaller()
    {
        var runner = new AbandonableRunner();
        var error = Assert.Throws<InvalidDataException>(() => runner.TryRun<int>(() => throw new InvalidDataException("bad"), Long, out _, out _));
        Assert.Equal("bad", error.Message);
    }

    [Fact]
    public void TryRun_WorkPastTheLimit_AbandonedThenTheThreadEndsWhenTheWorkDoes()
    {
        var runner = new AbandonableRunner();
        using var gate = new ManualResetEventSlim();
        var started = DateTime.UtcNow;
        Assert.False(runner.TryRun(() => gate.Wait(Long), TimeSpan.FromMilliseconds(100), out _, out var refused));
        Assert.False(refused);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Equal(1, runner.Stuck);
        // The caller goes on: the next call gets a new thread and its own result.
        Assert.True(runner.TryRun(() => "next", Long, out var next, out _));
        Assert.Equal("next", next);
        gate.Set();
        Assert.True(SpinWait.SpinUntil(() => runner.Stuck == 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void TryRun_AsManyStuckAsAllowed_RefusesAtOnceUntilOneEnds()
    {
        var runner = new AbandonableRunner(maxStuck: 2);
        using var gate = new ManualResetEventSlim();
        for (var i = 0; i < 2; i++) Assert.False(runner.TryRun(() => gate.Wait(Long), TimeSpan.FromMilliseconds(50), out _, out _));
        var ran = false;
        Assert.False(runner.TryRun(() => ran = true, Long, out _, out var refused));
        Assert.True(refused);
        Assert.False(ran);
        gate.Set();
        Assert.True(SpinWait.SpinUntil(() => runner.Stuck == 0, TimeSpan.FromSeconds(10)));
        Assert.True(runner.TryRun(() => ran = true, Long, out _, out _));
        Assert.True(ran);
    }

    [Fact]
    public void TryRun_ManyCallersAtOnce_EachGetsItsOwnResult()
    {
        var runner = new AbandonableRunner();
        var results = new int[200];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            Assert.True(runner.TryRun(() => i * i, Long, out var square, out _));
            results[i] = square;
        });
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * i), results);
    }
}
