using DataScrub.Findings;

namespace DataScrub.Analysis.Images;

/// <summary><c>mixed-channels</c>: grayscale and colour images in one dataset (a loader that does not
/// convert modes yields tensors of different shapes, or silently broadcast channels).</summary>
public sealed class ChannelMix : DatasetAnalysis<ChannelMix.State>
{
    public override State Create() => new();

    public override void Complete(State whole, AnalysisResults results)
    {
        if (whole.Grayscale == 0 || whole.Colour == 0) return;
        results.Add(new Finding(FindingKinds.MixedChannels, null, null, null, whole.Grayscale, null,
            $"{whole.Grayscale} grayscale and {whole.Colour} colour images (first grayscale at sample {whole.FirstGrayscale}, first colour at {whole.FirstColour}); convert them to one mode before training"));
    }

    public override void WriteShard(State state, Sharding.ShardStateWriter writer)
    {
        writer.Write(state.Grayscale);
        writer.Write(state.Colour);
        writer.Write(state.FirstGrayscale);
        writer.Write(state.FirstColour);
    }

    public override IEnumerable<State> ReadShard(Sharding.ShardStateReader reader, long offset)
    {
        var state = new State { Grayscale = reader.ReadInt64(), Colour = reader.ReadInt64() };
        state.FirstGrayscale = Moved(reader.ReadInt64(), offset);
        state.FirstColour = Moved(reader.ReadInt64(), offset);
        yield return state;
    }

    private static long Moved(long index, long offset) => index < 0 ? index : index + offset;

    /// <summary>Grayscale and colour images counted, and the first of each.</summary>
    public sealed class State : IAnalysisState
    {
        public long Grayscale { get; internal set; }

        public long Colour { get; internal set; }

        public long FirstGrayscale { get; internal set; } = -1;

        public long FirstColour { get; internal set; } = -1;

        public void Observe(in AnalysedSample sample)
        {
            switch (sample.Observations.ImageChannels)
            {
                case 1 or 2:
                    if (Grayscale++ == 0) FirstGrayscale = sample.Index;
                    break;
                case >= 3:
                    if (Colour++ == 0) FirstColour = sample.Index;
                    break;
            }
        }

        public void Merge(IAnalysisState later)
        {
            var other = (State)later;
            if (Grayscale == 0) FirstGrayscale = other.FirstGrayscale;
            if (Colour == 0) FirstColour = other.FirstColour;
            Grayscale += other.Grayscale;
            Colour += other.Colour;
        }
    }
}
