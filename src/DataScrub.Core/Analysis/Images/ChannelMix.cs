using DataScrub.Findings;

namespace DataScrub.Analysis.Images;

/// <summary><c>mixed-channels</c>: grayscale and colour images in one dataset (a loader that does not
/// convert modes yields tensors of different shapes, or silently broadcast channels).</summary>
public sealed class ChannelMix : IDatasetAnalysis
{
    private long _grayscale;
    private long _colour;
    private long _firstGrayscale = -1;
    private long _firstColour = -1;

    public void Observe(long sampleIndex, in SampleSummary summary)
    {
        switch (summary.ImageChannels)
        {
            case 1 or 2:
                if (_grayscale++ == 0) _firstGrayscale = sampleIndex;
                break;
            case >= 3:
                if (_colour++ == 0) _firstColour = sampleIndex;
                break;
        }
    }

    public IEnumerable<Finding> Complete()
    {
        if (_grayscale == 0 || _colour == 0) yield break;
        yield return new Finding(FindingKinds.MixedChannels, null, null, null, _grayscale, null,
            $"{_grayscale} grayscale and {_colour} colour images (first grayscale at sample {_firstGrayscale}, first colour at {_firstColour}); convert them to one mode before training");
    }
}
