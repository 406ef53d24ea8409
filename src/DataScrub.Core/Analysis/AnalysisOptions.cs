namespace DataScrub.Analysis;

/// <summary>What the dataset-level label, batch and duplicate analyses assume about training.</summary>
public sealed record AnalysisOptions
{
    /// <summary>K, the number of classes; null = inferred (the class folders, else max label + 1).</summary>
    public long? NumClasses { get; init; }

    /// <summary>The batch sizes training uses; the smallest decides <c>class-rare</c>.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [32];

    /// <summary>A shuffled batch may miss a class with at most this probability before <c>batch-class-miss</c>.</summary>
    public double MaxMissProbability { get; init; } = 0.001;

    /// <summary>How the loss treats a batch's classes: decides the severity of the batch findings.</summary>
    public LossKind Loss { get; init; } = LossKind.Softmax;

    /// <summary>Caffe's <c>loss_param.ignore_label</c>: samples and mask pixels with this label take no part in the
    /// loss, so they are left out of range checks, class counts, empty-mask and batch analyses.</summary>
    public long? IgnoreLabel { get; init; }

    /// <summary>Look for duplicate samples (costs one 16-byte fingerprint and the first id per distinct sample).</summary>
    public bool Duplicates { get; init; } = true;

    /// <summary>Class names the user gave (<c>--class-names</c>: name → label), shown beside class indices; they win
    /// over the names a dataset's class folders give. They do not set K.</summary>
    public IReadOnlyDictionary<string, long>? ClassNames { get; init; }

    /// <summary>Compute the mean image (C x H x W) of the data, as <c>compute_image_mean</c> does.</summary>
    public bool ComputeMeanImage { get; init; }

    /// <summary>The mean file training will subtract, checked against the data (NaN/Inf, shape).</summary>
    public Statistics.MeanImage? ReferenceMean { get; init; }

    internal bool NeedsMeanImage => ComputeMeanImage || ReferenceMean is not null;

    /// <summary>False: no label check and no dataset analyses beyond the label histogram (the baseline
    /// the analysis-overhead benchmark measures against).</summary>
    internal bool Enabled { get; init; } = true;

    /// <summary>The scan is one shard of the dataset (<c>--shard</c>): the analyses whose state depends on a sample's
    /// place in the whole dataset keep a per-sample log for the merge instead (<see cref="Sharding.ShardLog"/>).</summary>
    public bool Shard { get; init; }

    public static AnalysisOptions Default { get; } = new();

    internal void Validate()
    {
        if (NumClasses is < 1) throw new ArgumentOutOfRangeException(nameof(NumClasses), NumClasses, "at least 1 class");
        if (BatchSizes.Count == 0 || BatchSizes.Any(b => b < 1)) throw new ArgumentOutOfRangeException(nameof(BatchSizes), "batch sizes must be at least 1");
        if (!(MaxMissProbability is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MaxMissProbability), MaxMissProbability, "a probability in [0, 1]");
    }
}
