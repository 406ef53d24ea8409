namespace DataScrub.Findings;

/// <summary>
/// One defect. <see cref="Sample"/> names the record (null for a dataset-level finding);
/// <see cref="Field"/>, <see cref="Count"/> and <see cref="Index"/> locate it inside the record.
/// </summary>
/// <param name="SampleIndex">Storage-order index of the sample, null for dataset-level findings.</param>
/// <param name="Sample">The sample id as reports show it (key, FILE#ROW or path).</param>
/// <param name="Field">The field inside the record (<c>float_data</c>), when the finding is about one.</param>
/// <param name="Count">How many values are affected, or the element count found for shape findings.</param>
/// <param name="Index">Index of the first affected value inside the field.</param>
public sealed record Finding(
    FindingKind Kind,
    long? SampleIndex,
    string? Sample,
    string? Field,
    long? Count,
    long? Index,
    string Message)
{
    /// <summary>The kind's default severity unless the finding's context changes it (a finding that rests on an
    /// inferred K is a warning) or the user overrides the kind (<c>--severity KIND=...</c>).</summary>
    public Severity Severity { get; init; } = Kind.Severity;

    /// <summary>The store file the finding is about (a LevelDB table or log), relative to the dataset path.</summary>
    public string? File { get; init; }

    /// <summary>Byte offset inside <see cref="File"/>.</summary>
    public long? Offset { get; init; }

    /// <summary>The 1-based line inside <see cref="File"/> (a definition finding: the prototxt line it is about).</summary>
    public int? Line { get; init; }

    /// <summary>The first row of a row range a dataset-level finding is about (HDF5 <c>unwritten-rows</c>).</summary>
    public long? FirstRow { get; init; }

    /// <summary>How many rows the range from <see cref="FirstRow"/> holds.</summary>
    public long? RowCount { get; init; }

    /// <summary>The class a dataset-level label finding is about (<c>class-absent</c>, <c>class-rare</c>).</summary>
    public long? Class { get; init; }

    /// <summary>The channel a statistics finding is about (<c>constant-feature</c>).</summary>
    public int? Channel { get; init; }

    /// <summary>The earlier sample a <c>duplicate</c> repeats.</summary>
    public string? Of { get; init; }

    /// <summary>The batch size a batch finding is about.</summary>
    public int? BatchSize { get; init; }

    /// <summary>A class's share of the samples (<c>class-rare</c>).</summary>
    public double? Fraction { get; init; }

    /// <summary>The probability a batch finding states (a class missing from a shuffled batch).</summary>
    public double? Probability { get; init; }

    /// <summary>A dataset-level finding about the store itself, located by file and offset.</summary>
    public static Finding AboutStore(FindingKind kind, string file, long? offset, string message) =>
        new(kind, null, null, null, null, null, message) { File = file, Offset = offset };
}
