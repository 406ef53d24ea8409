using System.Diagnostics;
using System.Globalization;
using DataScrub.Pipeline;

namespace DataScrub.Cli;

/// <summary>A self-overwriting progress line on stderr, only when stderr is a terminal (never in logs
/// or pipes). Reads the aggregator's counters from a timer thread.</summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly ScanProgress _progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _lock = new();
    private int _width;
    private bool _done;

    public ProgressLine(TextWriter error, string label, ScanProgress progress, bool enabled)
    {
        _error = error;
        _label = label;
        _progress = progress;
        if (enabled) _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_done) return;
            var samples = _progress.Samples;
            var mb = _progress.Bytes / 1e6;
            var of = _progress.ExpectedSamples is { } e ? $"/{e}" : "";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{_label}: {samples}{of} samples, {mb:0.0} MB, {mb / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3):0} MB/s");
            _error.Write("\r" + line.PadRight(_width));
            _width = line.Length;
            _error.Flush();
        }
    }

    public void Dispose()
    {
        if (_timer is null) return;
        _timer.Dispose();
        lock (_lock)
        {
            _done = true;
            if (_width > 0) _error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }
}
