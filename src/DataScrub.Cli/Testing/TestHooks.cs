using System.Globalization;
using DataScrub.Formats;
using DataScrub.Samples;

namespace DataScrub.Cli.Testing;

/// <summary>
/// Test-only knobs, read once per run from the environment, that let the command-line tests interrupt a scan of a
/// fixture mid-way (the fixtures are read in milliseconds): <c>DATASCRUB_TEST_SAMPLE_DELAY_MS</c> sleeps before each
/// sample the reader hands out, and <c>DATASCRUB_TEST_FAIL_AT_SAMPLE=N</c> makes the reader fail with an
/// <see cref="IOException"/> instead of reading its sample N (counted from 0 in each run), as a disk or network file
/// system that fails mid-scan does. Unset (as in any real use), the reader is used as it is.
/// </summary>
internal sealed record TestHooks(TimeSpan SampleDelay, long? FailAtSample)
{
    public const string SampleDelayVariable = "DATASCRUB_TEST_SAMPLE_DELAY_MS";
    public const string FailAtSampleVariable = "DATASCRUB_TEST_FAIL_AT_SAMPLE";

    public static TestHooks From(Func<string, string?> environment) => new(
        int.TryParse(environment(SampleDelayVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero,
        long.TryParse(environment(FailAtSampleVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null);

    public bool Active => SampleDelay > TimeSpan.Zero || FailAtSample is not null;

    public IDatasetReader Wrap(IDatasetReader reader) => Active ? new HookedReader(reader, this) : reader;

    private sealed class HookedReader(IDatasetReader inner, TestHooks hooks) : IDatasetReader
    {
        public DatasetInfo Info => inner.Info;

        public IReadOnlyList<Findings.Finding> StoreFindings => inner.StoreFindings;

        public IEnumerable<Sample> ReadSamples(CancellationToken cancellationToken)
        {
            long read = 0;
            foreach (var sample in inner.ReadSamples(cancellationToken))
            {
                if (read == hooks.FailAtSample)
                    throw new IOException($"{Info.Path}: Input/output error reading sample {read} ({FailAtSampleVariable}, a test's simulated failure)");
                if (hooks.SampleDelay > TimeSpan.Zero) Thread.Sleep(hooks.SampleDelay);
                read++;
                yield return sample;
            }
        }

        public void Dispose() => inner.Dispose();
    }
}
