using DataScrub.Formats;
using DataScrub.Images;
using DataScrub.Records;
using DataScrub.Tests.Shared;
using Xunit.Abstractions;

namespace DataScrub.Tests.Hostile;

/// <summary>
/// Mutation tests (issue 18, hostile input): every fixture of every format, damaged thousands of ways with fixed seeds
/// (<see cref="MutationGenerator"/>), read through the same entry points a scan uses; each case must end in findings or
/// the layer's documented exception, within the time and allocation limits of <see cref="MutationRun"/>. One file per
/// format (<c>MutationTests.Lmdb.cs</c>, ...); the counts of each run go to the test output. One class, so the runs do
/// not compete with each other for the two cores.
/// </summary>
public sealed partial class MutationTests(ITestOutputHelper output)
{
    private static readonly FormatRegistry Registry = DatasetFormats.CreateRegistry();

    /// <summary>The scan's image checks, with a deadline short enough that a slow decode of a mutated image ends as
    /// <c>decode-timeout</c> inside the case time limit.</summary>
    private static readonly ImageInspectionOptions ImageOptions = new() { SampleTimeout = TimeSpan.FromSeconds(1) };

    private MutationRun Run(string what) => new(what, output);

    /// <summary>The documented error of a reader: the dataset as a whole is unreadable.</summary>
    private static bool IsUnreadable(Exception e) => e is DatasetUnreadableException;

    /// <summary>
    /// Opens <paramref name="path"/> as the scan does (format detection, the format's reader) and takes every sample
    /// through what a scan worker does before its checks: the sample's decoder, every field, the encoded image and mask
    /// through the image inspector. True when anything was reported: store findings, unreadable records, image problems.
    /// </summary>
    private static bool Scan(string path, string format = FormatRegistry.Auto, ReaderOptions? options = null)
    {
        using var reader = Registry.Resolve(path, format).OpenReader(path, options ?? ReaderOptions.Default);
        var content = new SampleContent();
        var reported = false;
        foreach (var sample in reader.ReadSamples(CancellationToken.None))
        {
            content.Reset(sample);
            var record = sample.Record.Span;
            if (sample.Decoder.Decode(record, content) is not null)
            {
                reported = true;
            }
            else
            {
                for (var i = 0; i < content.FieldCount; i++) _ = content.GetField(i, record).ElementCount;
                if (content.IsEncodedImage)
                    reported |= ImageInspector.Inspect(content.GetEncodedImage(record), ImageOptions, content.ExpectedImageContainer).Problems.Count > 0;
                if (content.HasEncodedMask && !content.EncodedMask.IsEmpty)
                    reported |= ImageInspector.Inspect(content.EncodedMask, ImageOptions).Problems.Count > 0;
            }
            sample.Lease?.Release();
        }
        return reported || reader.StoreFindings.Count > 0;
    }

    /// <summary>A copy of a store's directory in which one file at a time is replaced by a mutation of itself; the
    /// previous case's file is restored first, so every case damages exactly one file of an otherwise intact store.</summary>
    private sealed class MutableStore : IDisposable
    {
        private readonly TempDirectory _temp = new();
        private readonly List<(string Path, MutationGenerator Generator)> _files = [];
        private (string Path, byte[] Original)? _damaged;

        public MutableStore(string fixture, int seed, Func<string, bool> mutate, Func<string, byte[], IReadOnlyList<int>>? hotOffsets = null)
        {
            Path = _temp.CopyDirectory(Fixtures.Path(fixture), "store");
            var index = 0;
            foreach (var file in Directory.GetFiles(Path).Order(StringComparer.Ordinal))
            {
                if (!mutate(System.IO.Path.GetFileName(file))) continue;
                var bytes = File.ReadAllBytes(file);
                _files.Add((file, new MutationGenerator(bytes, seed + 1000 * index++, hotOffsets?.Invoke(file, bytes))));
            }
        }

        public string Path { get; }

        public IReadOnlyList<string> Files => _files.Select(f => System.IO.Path.GetFileName(f.Path)).ToList();

        /// <summary>Damages one file (case <paramref name="index"/> picks which and how); <paramref name="reseal"/> may
        /// recompute its checksums so that the damage gets past them to the parsing behind.</summary>
        public string Damage(int index, Func<string, byte[], byte[], byte[]>? reseal = null)
        {
            if (_damaged is { } previous) File.WriteAllBytes(previous.Path, previous.Original);
            var (path, generator) = _files[index % _files.Count];
            var (bytes, description) = generator.Case(index / _files.Count);
            if (reseal is not null && index % 2 == 0) bytes = reseal(path, generator.Original, bytes);
            File.WriteAllBytes(path, bytes);
            _damaged = (path, generator.Original);
            return $"{System.IO.Path.GetFileName(path)}: {description}{(reseal is not null && index % 2 == 0 ? " (checksums recomputed)" : "")}";
        }

        public void Dispose() => _temp.Dispose();
    }
}
