using DataScrub.Formats.Caffe;
using DataScrub.Records;

namespace DataScrub.Fuzz.Harnesses;

/// <summary>
/// The Datum decoder, both paths: the in-place fast path (<see cref="DatumLayout"/>) and Google.Protobuf's generated
/// parser it falls back to. Each must return a verdict (null, or an error message) for any bytes. Where the fast path
/// accepts a record, the library must read the same Datum from it: the fast path exists only to be quicker, so a
/// record it reads differently is a wrong verdict, not a crash, and only this comparison finds it.
/// </summary>
public sealed class DatumHarness : IFuzzHarness
{
    public string Name => "datum";

    public string Description => "Caffe Datum protobuf records: the fast path and Google.Protobuf's parser, compared";

    public IReadOnlyList<string> Instrumented { get; } = ["DataScrub.Formats:DataScrub.Formats.Caffe", "Google.Protobuf"];

    public IEnumerable<FuzzSeed> Seeds(RepositoryFiles files) =>
        files.Under("fixtures/datum", "*.bin").Select(p => FuzzSeed.FromFile(files, p));

    public void Run(byte[] input)
    {
        var fast = new SampleContent();
        var fastError = CaffeDatumDecoder.Instance.Decode(input, fast);
        var library = new SampleContent();
        var libraryError = CaffeDatumDecoder.DecodeWithLibrary(input, library);
        if (!DatumLayout.TryRead(input, out _)) return;
        if (fastError is not null || libraryError is not null)
            throw new FuzzDefectException($"the fast path read the record, yet: fast '{fastError}', library '{libraryError}'");
        Compare(input, fast, library);
    }

    private static void Compare(byte[] record, SampleContent fast, SampleContent library)
    {
        void Same<T>(string what, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
                throw new FuzzDefectException($"{what}: the fast path reads {a}, Google.Protobuf {b} ({record.Length} bytes)");
        }
        Same("shape", fast.DeclaredShape, library.DeclaredShape);
        Same("label", fast.Label, library.Label);
        Same("encoded", fast.IsEncodedImage, library.IsEncodedImage);
        if (fast.IsEncodedImage)
            Same("encoded image", Convert.ToHexString(fast.GetEncodedImage(record)), Convert.ToHexString(library.GetEncodedImage(record)));
        Same("field count", fast.FieldCount, library.FieldCount);
        for (var i = 0; i < fast.FieldCount; i++)
        {
            var a = fast.GetField(i, record);
            var b = library.GetField(i, record);
            Same($"field {i} name", a.Name, b.Name);
            Same($"field {a.Name} type", a.ElementType, b.ElementType);
            Same($"field {a.Name} bytes", Convert.ToHexString(a.Bytes), Convert.ToHexString(b.Bytes));
        }
    }
}
