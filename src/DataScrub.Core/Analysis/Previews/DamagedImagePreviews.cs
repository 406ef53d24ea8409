namespace DataScrub.Analysis.Previews;

/// <summary>
/// The <c>previews</c> section (<see cref="DamagedImagePreviewsSection"/>): the thumbnails the image check made of the
/// first <see cref="MaxPreviews"/> damaged images, in storage order, whose decoder returned part of the picture. No
/// findings of its own (the images' <c>truncated-image</c> and <c>corrupt-image</c> are the image check's); no
/// section when there is no thumbnail.
/// </summary>
public sealed class DamagedImagePreviews : DatasetAnalysis<DamagedImagePreviews.State>
{
    /// <summary>The most thumbnails a scan keeps (and the image check makes: it skips an image once this many
    /// earlier ones have one).</summary>
    public const int MaxPreviews = 24;

    public override State Create() => new();

    public override void Complete(State whole, AnalysisResults results)
    {
        if (whole.Previews.Count > 0) results.Add(new DamagedImagePreviewsSection(whole.Previews));
    }

    /// <summary>The first thumbnails of a run of samples, in storage order: at most <see cref="MaxPreviews"/>.</summary>
    public sealed class State : IAnalysisState
    {
        private readonly List<DamagedImagePreview> _previews = [];

        public IReadOnlyList<DamagedImagePreview> Previews => _previews;

        public void Observe(in AnalysedSample sample)
        {
            if (sample.Observations.DamagedImagePreview is { } preview && _previews.Count < MaxPreviews) _previews.Add(preview);
        }

        /// <summary>Keeps the first of both runs: every thumbnail of <paramref name="later"/> follows these.</summary>
        public void Merge(IAnalysisState later)
        {
            foreach (var preview in ((State)later)._previews)
            {
                if (_previews.Count == MaxPreviews) return;
                _previews.Add(preview);
            }
        }
    }
}
