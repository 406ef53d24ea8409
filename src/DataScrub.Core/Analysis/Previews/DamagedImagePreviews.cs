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

    public override void WriteShard(State state, Sharding.ShardStateWriter writer)
    {
        writer.Write(state.Previews.Count);
        foreach (var p in state.Previews)
        {
            writer.Write(p.SampleIndex);
            writer.Write(p.Sample);
            writer.Write(p.Kind);
            writer.Write(p.Width);
            writer.Write(p.Height);
            writer.Write(p.DecodedRows);
            writer.Write(p.Png);
        }
    }

    public override IEnumerable<State> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        var state = new State();
        var count = reader.ReadCount();
        if (count > MaxPreviews) throw reader.Damaged($"{count} previews, more than {MaxPreviews}");
        for (var i = 0; i < count; i++)
        {
            state.Add(new DamagedImagePreview(reader.ReadInt64() + offset, reader.ReadString(), reader.ReadString(), reader.ReadInt32(),
                reader.ReadInt32(), reader.ReadInt32(), reader.ReadBytes()));
        }
        yield return state;
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

        internal void Add(DamagedImagePreview preview) => _previews.Add(preview);

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
