namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The datasets a scan reads from every file of an input, as Caffe's tops: a prototxt names its tops once and
/// HDF5Data loads each of them from every file of the list (a file without one stops training). Given with
/// <c>--data</c>/<c>--label</c>; otherwise those of the first file with a readable dataset (every root dataset,
/// <c>label</c> as the label when present), so a later file missing one of them is <c>missing-dataset</c> and a
/// later file's extra datasets are not tops.
/// </summary>
/// <param name="Data">The data tops; null until known (every root dataset but the label).</param>
/// <param name="Label">The label top; null for none once <paramref name="Data"/> is known, else 'label' when present.</param>
internal sealed record Hdf5Tops(IReadOnlyList<string>? Data, string? Label)
{
    public static Hdf5Tops From(ReaderOptions options) => new(options.DataNames, options.LabelName);

    /// <summary>True once the tops are named (given, or taken from a file).</summary>
    public bool Known => Data is not null;

    /// <summary>The label top for a file holding <paramref name="datasets"/>.</summary>
    public string? LabelIn(IReadOnlyCollection<string> datasets) => Known ? Label : Label ?? (datasets.Contains("label") ? "label" : null);

    /// <summary>These tops, or, while unknown, those <paramref name="chosen"/> from a file: (name, is the label).</summary>
    public Hdf5Tops FixedBy(IEnumerable<(string Name, bool IsLabel)> chosen)
    {
        if (Known) return this;
        var list = chosen.ToList();
        return new Hdf5Tops([.. list.Where(c => !c.IsLabel).Select(c => c.Name)], list.FirstOrDefault(c => c.IsLabel).Name ?? Label);
    }
}
