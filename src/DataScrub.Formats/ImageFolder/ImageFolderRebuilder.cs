using DataScrub.Rebuild;
using DataScrub.Samples;

namespace DataScrub.Formats.ImageFolder;

/// <summary>
/// Image folders and listfiles in a rebuild: written only from image folders (<see cref="ImageFolderWriter"/>);
/// their samples are encoded images, which no other format here writes.
/// </summary>
internal sealed class ImageFolderRebuilder : IDatasetRebuilder
{
    /// <summary>Every image is a sample of its own: there are no files of samples to leave out whole.</summary>
    public Func<string, string?>? FileOfSample => null;

    public RebuildRefusal? Refusal(IDatasetFormat sourceFormat, string source, bool shuffle)
    {
        if (sourceFormat.Name != ImageFolderFormat.FormatName) return new($"{source}: {sourceFormat.Name} data cannot be written as an image folder");
        return shuffle && Directory.Exists(source) ? new("a folder's images are read in name order; shuffle a listfile (its lines are shuffled) instead", AboutShuffle: true) : null;
    }

    public IReadOnlyList<string> Preview(RebuildPlan plan) => plan.ShuffleSeed is { } seed ? [ShuffleNote(seed)] : [];

    public IDatasetWriter CreateWriter(RebuildPlan plan) => new ImageFolderWriter(plan);

    /// <summary>No writer here converts images (the refusals keep them out).</summary>
    public DatumFields ToDatumFields(in Sample sample) =>
        throw new RebuildException($"{sample.DisplayId}: an image file cannot be converted to another format", isUsage: false);

    internal static string ShuffleNote(int seed) => $"listfile lines shuffled with seed {seed}";
}
