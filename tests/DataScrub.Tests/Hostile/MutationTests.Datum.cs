using DataScrub.Formats.Caffe;
using DataScrub.Rebuild;
using DataScrub.Records;
using DataScrub.Samples;
using DataScrub.Tests.Shared;

using DataScrub.Images;

namespace DataScrub.Tests.Hostile;

public sealed partial class MutationTests
{
    private static readonly string[] DatumFixtures =
    [
        Fixtures.Datum.RawUint8, Fixtures.Datum.FloatUnpacked, Fixtures.Datum.FloatPacked, Fixtures.Datum.UnknownFields,
        Fixtures.Datum.EncodedPng, Fixtures.Datum.Empty, Fixtures.Datum.LabelNegative, Fixtures.Datum.FloatMixedPacking,
    ];

    /// <summary>Both Datum paths: the scan's decoder (zero-copy layout, else Google.Protobuf) and the converting
    /// writer's <see cref="DatumFieldsCodec.Read"/>, which refuses a non-Datum with <see cref="UnconvertibleRecordException"/>.</summary>
    [Fact]
    public void Datum_EveryFixture_DecodesOrReportsUnreadable()
    {
        const int perFixture = 400;
        var generators = DatumFixtures.Select((f, i) => (Name: f, Generator: new MutationGenerator(File.ReadAllBytes(Fixtures.Path(f)), 18_001 + i)))
            .ToList();
        var content = new SampleContent();
        Run("datum").Run(generators.Count * perFixture, i =>
        {
            var (name, generator) = generators[i % generators.Count];
            var (bytes, description) = generator.Case(i / generators.Count);
            return new MutationCase($"{name}: {description}", () =>
            {
                var sample = new Sample(i, new RecordBytes([]), new RecordBytes(bytes), CaffeDatumDecoder.Instance);
                content.Reset(sample);
                var error = CaffeDatumDecoder.Instance.Decode(bytes, content);
                if (error is null)
                {
                    for (var f = 0; f < content.FieldCount; f++) _ = content.GetField(f, bytes).ElementCount;
                    if (content.IsEncodedImage) _ = ImageInspector.Inspect(content.GetEncodedImage(bytes), ImageOptions);
                    _ = DatumFieldsFromContent.Build(content, bytes, out _);
                }
                try
                {
                    _ = DatumFieldsCodec.Read(sample);
                }
                catch (UnconvertibleRecordException) when (error is not null)
                {
                    // Both paths agree the record is not a Datum.
                }
                return error is not null;
            });
        }, e => e is UnconvertibleRecordException);
    }
}
