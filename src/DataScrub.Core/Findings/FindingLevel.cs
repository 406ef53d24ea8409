namespace DataScrub.Findings;

/// <summary>Whether a finding names one sample or the dataset as a whole.</summary>
public enum FindingLevel
{
    Sample,
    Dataset,

    /// <summary>A training definition (a Caffe solver or net prototxt), located by file and line.</summary>
    Definition,
}
