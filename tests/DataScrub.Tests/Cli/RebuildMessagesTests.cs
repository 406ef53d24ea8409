using DataScrub.Cli.Commands;
using DataScrub.Formats.Caffe;
using DataScrub.Rebuild;
using DataScrub.Samples;

namespace DataScrub.Tests.Cli;

/// <summary>Formats and Core refuse and fail with typed reasons; the CLI alone names the option that would help.</summary>
public sealed class RebuildMessagesTests
{
    [Fact]
    public void NotADatum_DuringAConversion_NamesTheRecordAndDropBad()
    {
        var sample = new Sample(4, new RecordBytes("00000004_x"u8.ToArray()), new RecordBytes([0x08, 0x03, 0x10]), CaffeDatumDecoder.Instance);

        var e = Assert.Throws<UnconvertibleRecordException>(() => DatumFieldsCodec.Read(sample));

        Assert.DoesNotContain("--", e.Message);
        Assert.Matches(@"^00000004_x: not a caffe Datum \(.+\): cannot convert; drop it with --drop-bad$", RebuildMessages.Describe(e));
    }

    [Theory]
    [InlineData(true, "--shuffle: the order cannot be kept")]
    [InlineData(false, "the order cannot be kept")]
    public void Refusal_OfTheShuffle_NamesTheOption(bool aboutShuffle, string expected)
    {
        var e = new RebuildRefusedException(new RebuildRefusal("the order cannot be kept", aboutShuffle));

        Assert.True(e.IsUsage);
        Assert.Equal(expected, RebuildMessages.Describe(e));
    }
}
