using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DataScrub.Formats;
using DataScrub.Formats.Caffe;
using DataScrub.Formats.LevelDb;
using DataScrub.Formats.Lmdb;
using DataScrub.Rebuild;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Rebuild;

/// <summary>
/// A generated LMDB big enough that a child-process rebuild takes a second or so (so that a kill or a
/// Ctrl-C can land in every phase), with planted bad records, and one measured full rebuild of it.
/// Built once per test class.
/// </summary>
public sealed class BigLmdbFixture : IDisposable
{
    public const int Records = 25_000;

    /// <summary>3x32x32 raw Datums: about 3 KiB a record.</summary>
    private const int Channels = 3, Height = 32, Width = 32;

    public BigLmdbFixture()
    {
        Temp = new TempDirectory();
        Source = Temp.Combine("big.lmdb");
        var random = new Random(20261126);
        var data = new byte[Channels * Height * Width];
        var floats = new float[Channels * Height * Width];
        using (var writer = LmdbWriter.Create(Source))
        {
            for (var i = 0; i < Records; i++)
            {
                byte[] value;
                if (i % 1000 == 500)
                {
                    // A float Datum with one NaN: nan (error).
                    for (var j = 0; j < floats.Length; j++) floats[j] = (float)random.NextDouble();
                    floats[random.Next(floats.Length)] = float.NaN;
                    value = CaffeDatumCodec.Serialize(CaffeDatumCodec.Float(Channels, Height, Width, floats, i % 10));
                    Planted++;
                }
                else if (i % 1000 == 750)
                {
                    // Too few bytes for the declared shape: a shape mismatch (error).
                    random.NextBytes(data);
                    value = CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(Channels, Height, Width, data.AsSpan(0, data.Length - 7), i % 10));
                    Planted++;
                }
                else
                {
                    random.NextBytes(data);
                    value = CaffeDatumCodec.Serialize(CaffeDatumCodec.Raw(Channels, Height, Width, data, i % 10));
                }
                writer.Put(Encoding.ASCII.GetBytes($"{i:D8}"), value);
            }
            writer.Complete();
        }
        SourceSnapshot = TempDirectory.Snapshot(Source);

        // One full rebuild as a child process: how long the kill test's run lasts, and what it writes.
        var measured = Temp.Combine("measured");
        var clock = Stopwatch.StartNew();
        var run = ChildCli.Start("rebuild", Source, "--out", measured, "--drop-bad", "--quiet").WaitForExit(TimeSpan.FromMinutes(2));
        FullRun = clock.Elapsed;
        if (run.ExitCode != 0) throw new InvalidOperationException($"the measuring rebuild failed: {run}");
        MeasuredOutput = run;
        MeasuredDropped = RebuildSafety.ManifestCounts(measured).Dropped;
        Directory.Delete(measured, recursive: true);
    }

    public TempDirectory Temp { get; }

    public string Source { get; }

    /// <summary>Records planted with an error finding (nan or shape mismatch): what --drop-bad drops.</summary>
    public int Planted { get; }

    public int Expected => Records - Planted;

    public SortedDictionary<string, string> SourceSnapshot { get; }

    /// <summary>Wall time of one full child-process rebuild (dotnet start-up included).</summary>
    public TimeSpan FullRun { get; }

    public CliRun MeasuredOutput { get; }

    public long MeasuredDropped { get; }

    public void Dispose() => Temp.Dispose();
}

/// <summary>The shipped <c>datascrub</c> binary as a child process that can be killed (SIGKILL) at any moment.</summary>
public sealed class ChildCli : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ChildCli(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildCli Start(params string[] args)
    {
        var start = new ProcessStartInfo(ShippedCli.Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        return new ChildCli(Process.Start(start)!);
    }

    /// <summary>SIGKILL (on Linux) to the process and its children, then reaps it. True when it was still running.</summary>
    public bool Kill()
    {
        var wasRunning = !_process.HasExited;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _process.WaitForExit();
        return wasRunning;
    }

    public CliRun WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException("datascrub did not finish");
        }
        _process.WaitForExit(); // drains the redirected streams
        return new CliRun(_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}

/// <summary>A real format whose rebuilder is replaced, to make writing or verification fail on purpose.</summary>
public sealed class FakeFormat(IDatasetFormat inner, Func<IDatasetRebuilder, IDatasetRebuilder> rebuilder) : IDatasetFormat
{
    public string Name => inner.Name;

    public bool IsMatch(string path) => inner.IsMatch(path);

    public IDatasetReader OpenReader(string path, ReaderOptions options) => inner.OpenReader(path, options);

    public IDatasetRebuilder Rebuilder { get; } = rebuilder(inner.Rebuilder);
}

/// <summary>A real rebuilder whose writing is a lambda (which may write with the real one: <see cref="RebuildSafety.Write"/>).</summary>
public sealed class DelegateRebuilder(IDatasetRebuilder real, Func<RebuildPlan, CancellationToken, RebuildOutput> write) : IDatasetRebuilder
{
    public Func<string, string?>? FileOfSample => real.FileOfSample;

    public RebuildRefusal? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle) => real.Refusal(sourceFormat, source, shuffle);

    public IReadOnlyList<string> Preview(RebuildPlan plan) => real.Preview(plan);

    public IDatasetWriter CreateWriter(RebuildPlan plan) => new DelegateWriter(plan, write);

    public DatumFields ToDatumFields(in DataScrub.Samples.Sample sample) => real.ToDatumFields(sample);

    /// <summary>Writes the whole copy with the lambda, through the loop's fast path.</summary>
    private sealed class DelegateWriter(RebuildPlan plan, Func<RebuildPlan, CancellationToken, RebuildOutput> write) : IDatasetWriter, ISourceCopyWriter
    {
        public RebuildOutput CopySource(CancellationToken cancellationToken) => write(plan, cancellationToken);

        public void Write(in WritableSample sample) => throw new InvalidOperationException("writes through CopySource");

        public RebuildOutput Complete() => throw new InvalidOperationException("writes through CopySource");

        public void Dispose()
        {
        }
    }
}

public static class RebuildSafety
{
    /// <summary>Writes the plan's copy with a real rebuilder's writer, as the engine does.</summary>
    public static RebuildOutput Write(IDatasetRebuilder rebuilder, RebuildPlan plan, CancellationToken cancellationToken)
    {
        using var writer = rebuilder.CreateWriter(plan);
        return RebuildLoop.Run(plan, writer, cancellationToken);
    }

    public static (long Source, long Dropped, long Written) ManifestCounts(string destination)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(destination, RebuildEngine.ManifestName)));
        var counts = doc.RootElement.GetProperty("counts");
        return (counts.GetProperty("source").GetInt64(), counts.GetProperty("dropped").GetInt64(), counts.GetProperty("written").GetInt64());
    }

    public static long CountLmdb(string path)
    {
        using var reader = LmdbReader.Open(path);
        long count = 0;
        foreach (var sample in reader.ReadSamples(CancellationToken.None))
        {
            count++;
            sample.Lease?.Release();
        }
        return count;
    }

    public static long CountLevelDb(string path)
    {
        using var reader = LevelDbReader.Open(path);
        long count = 0;
        foreach (var sample in reader.ReadSamples(CancellationToken.None))
        {
            count++;
            sample.Lease?.Release();
        }
        return count;
    }

    /// <summary>The temporaries (this run's or left by others) of a destination.</summary>
    public static string[] Temporaries(string destination) =>
        Directory.GetDirectories(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.datascrub-rebuild-*");

    /// <summary>Runs a command, returning its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}

/// <summary>A tiny tmpfs (a real "No space left on device"), when this process may mount one (root with
/// CAP_SYS_ADMIN, as in the development container); <see cref="Mounted"/> false otherwise.</summary>
public sealed class TinyTmpfs : IDisposable
{
    public TinyTmpfs(string path, int kibibytes)
    {
        Path = path;
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsLinux())
        {
            Why = "not Linux";
            return;
        }
        var (code, output) = RebuildSafety.Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k", "tmpfs", path);
        Mounted = code == 0;
        Why = Mounted ? "" : $"mount -t tmpfs failed (exit {code}): {output.Trim()}";
    }

    public string Path { get; }

    public bool Mounted { get; }

    public string Why { get; }

    public void Dispose()
    {
        if (Mounted) RebuildSafety.Run("umount", Path);
    }
}
