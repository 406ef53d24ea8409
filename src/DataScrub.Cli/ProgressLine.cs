using System.Diagnostics;
using System.Globalization;
using DataScrub.Pipeline;

namespace DataScrub.Cli;

/// <summary>How progress is shown while a dataset is scanned.</summary>
internal enum ProgressStyle
{
    /// <summary>Not at all (<c>--quiet</c>, or stderr is a log without <c>--progress</c>).</summary>
    None,

    /// <summary>One line that overwrites itself, four times a second: stderr is a terminal.</summary>
    Terminal,

    /// <summary>A new line every <c>--progress-interval</c> seconds and one when the dataset is done: a CI log.</summary>
    Log,
}

/// <summary>The progress of a scan on stderr: a self-overwriting line on a terminal, or (<c>--progress</c>) plain
/// lines every few seconds that a CI log keeps. Reads the aggregator's counters from a timer thread.</summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly ScanProgress _progress;
    private readonly ProgressStyle _style;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _lock = new();
    private int _width;
    private bool _done;

    public ProgressLine(TextWriter error, string label, ScanProgress progress, ProgressStyle style, TimeSpan? interval = null)
    {
        _error = error;
        _label = label;
        _progress = progress;
        _style = style;
        var every = style == ProgressStyle.Log ? interval ?? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(250);
        if (style != ProgressStyle.None) _timer = new Timer(_ => Draw(), null, every, every);
    }

    /// <summary>The style for a run: <c>--progress</c> wins (plain lines, even on a terminal: the user asked for a
    /// log), then a terminal's line, unless <c>--quiet</c>.</summary>
    public static ProgressStyle StyleFor(CliStreams streams, bool quiet, TimeSpan? progress) =>
        progress is not null ? ProgressStyle.Log
        : quiet || !streams.ErrorIsTerminal ? ProgressStyle.None
        : ProgressStyle.Terminal;

    private string Text(string state)
    {
        var samples = _progress.Samples;
        var mb = _progress.Bytes / 1e6;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var of = _progress.ExpectedSamples is { } e ? $"/{e}" : "";
        var percent = _progress.ExpectedSamples is { } total && total > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({100.0 * samples / total:0.0}%)") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{_label}: {state}{samples}{of} samples{percent}, {mb:0.0} MB, {seconds:0.0} s, {mb / seconds:0} MB/s");
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_done) return;
            if (_style == ProgressStyle.Log)
            {
                _error.WriteLine("progress: " + Text(""));
                _error.Flush();
                return;
            }
            var line = Text("");
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
            if (_done) return;
            _done = true;
            if (_style == ProgressStyle.Log)
            {
                _error.WriteLine("progress: " + Text("done, "));
                _error.Flush();
                return;
            }
            if (_width > 0) _error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }
}
