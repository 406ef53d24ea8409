using DataScrub.Analysis.Previews;
using DataScrub.Checks;
using DataScrub.Findings;
using DataScrub.Images.Decoding;
using DataScrub.Images.Previews;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Images.Checks;

/// <summary>
/// Image checks for encoded payloads (caffe Datums with <c>encoded=true</c>): the same inspection as
/// image files, plus <c>shape-mismatch</c> when the decoded size disagrees with the Datum's non-zero
/// channels/height/width. Records the image's channel count for the dataset-level colour analysis, and, for the first
/// damaged images of the scan, a thumbnail of what the decoder made of them before it failed (decoders that can say:
/// <see cref="IPartialImageDecoder"/>); an image that decodes costs nothing more.
/// </summary>
public sealed class ImageCheck(ImageInspectionOptions options) : ICheck
{
    /// <summary>Made per dataset (StandardChecks), so the quota is the scan's.</summary>
    private readonly DamagedImagePreviewQuota _previews = new(DamagedImagePreviews.MaxPreviews);

    public ImageCheck() : this(ImageInspectionOptions.Default) { }

    public string Id => "image";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (!content.IsEncodedImage) return;
        var result = ImageInspector.Inspect(content.GetEncodedImage(record), options, content.ExpectedImageContainer, withMoments: true);
        var field = content.ExpectedImageContainer is null ? "data" : null;
        foreach (var problem in result.Problems)
            findings.Report(problem.Kind, field, null, problem.Offset, problem.Message);
        if (!result.Decoded) Preview(content.GetEncodedImage(record), result, findings);
        // An image not decoded (an error, or unsupported, or out of time) says nothing about shapes or colours.
        if (!result.Decoded || result.Problems.Any(p => p.Kind.Severity == Severity.Error)) return;
        if (content.DeclaredShape is { } shape && result.Width is { } w && result.Height is { } h)
        {
            var disagree = (shape.Height != 0 && shape.Height != h) || (shape.Width != 0 && shape.Width != w)
                || (shape.Channels != 0 && result.Channels is { } c && shape.Channels != (c >= 3 ? 3 : 1));
            if (disagree)
            {
                findings.Report(FindingKinds.ShapeMismatch, field, null, null,
                    $"the record declares {shape} (CxHxW) but the image is {(result.Channels >= 3 ? 3 : 1)}x{h}x{w}");
                return;
            }
        }
        // Only images a trainer can use count towards the dataset's colour mix and channel statistics.
        findings.ImageChannels = result.Channels;
        if (result.Moments is { Length: > 0 } moments)
        {
            moments.CopyTo(findings.RentChannelMoments(moments.Length));
            if (Analysis.Statistics.RunningMoments.AllEqual(moments, out var value, out var count) && count > 1)
                findings.Report(FindingKinds.ConstantSample, field, count, null,
                    $"every pixel value is {value} (a blank image): per-image normalisation divides by 0");
        }
    }

    /// <summary>A thumbnail of a <c>truncated-image</c> or <c>corrupt-image</c> whose decoder can decode part of it,
    /// while the scan may still keep it.</summary>
    private void Preview(ReadOnlySpan<byte> image, ImageInspector.Result result, SampleObservations findings)
    {
        FindingKind? damage = null;
        foreach (var problem in result.Problems)
            if (problem.Kind == FindingKinds.TruncatedImage || problem.Kind == FindingKinds.CorruptImage)
            {
                damage = problem.Kind;
                break;
            }
        if (damage is null || result.Container == ImageContainer.Unknown) return;
        if (options.Decoders.For(result.Container) is not IPartialImageDecoder decoder || !_previews.Wants(findings.SampleIndex)) return;
        if (DamagedImageThumbnail.Make(image, decoder, options.MaxPixels) is not { } thumbnail) return;
        findings.DamagedImagePreview = new DamagedImagePreview(findings.SampleIndex, findings.SampleId, damage.Name,
            thumbnail.Width, thumbnail.Height, thumbnail.DecodedRows, thumbnail.Png);
        _previews.Made(findings.SampleIndex);
    }
}
