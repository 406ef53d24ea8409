using DataScrub.Findings;
using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The datasets of one opened file that become a sample's fields (Caffe's tops: <c>--data</c>/<c>--label</c>,
/// or every root dataset and <c>label</c>), and what is wrong with the choice: datasets asked for but
/// missing, unsupported types and filters, rows never written, N that differ, a root without any dataset
/// Caffe can read. Metadata only: no row is read here.
/// </summary>
internal sealed class Hdf5FileFields
{
    private Hdf5FileFields(List<Hdf5Field> fields, List<Finding> findings)
    {
        Fields = fields;
        Findings = findings;
    }

    public IReadOnlyList<Hdf5Field> Fields { get; }

    /// <summary>File-level findings about the choice, in the order found.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The tops as this file showed them: the given ones, or, while unknown, its chosen datasets when it has
    /// a readable one.</summary>
    public Hdf5Tops Tops { get; private init; } = new(null, null);

    /// <summary>The rows the file says it holds: the largest N of the chosen datasets.</summary>
    public long DeclaredRows => Fields.Count == 0 ? 0 : Fields.Max(f => f.Rows);

    /// <exception cref="InvalidDataException">A chunk index is damaged.</exception>
    public static Hdf5FileFields Choose(Hdf5SourceFile source, string id, Hdf5Tops tops)
    {
        var findings = new List<Finding>();
        void Add(FindingKind kind, string? dataset, string message) =>
            findings.Add(Finding.AboutStore(kind, id, null, message) with { Field = dataset });

        var listing = Hdf5RootChildren.List(source);
        var children = listing.Children;
        var datasets = children.OfType<IH5Dataset>().ToList();
        var byName = datasets.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var labelName = tops.LabelIn(byName.Keys);
        IEnumerable<string> dataNames = tops.Data ?? datasets.Select(d => d.Name).Where(n => n != labelName);
        var chosen = dataNames.Select(n => (Name: n, IsLabel: false)).ToList();
        if (labelName is not null) chosen.Add((labelName, true));

        var fields = new List<Hdf5Field>();
        var missing = false;
        foreach (var (name, isLabel) in chosen)
        {
            if (!byName.TryGetValue(name, out var dataset))
            {
                missing = true;
                Add(FindingKinds.MissingDataset, name, $"no dataset '{name}' (asked for as {(isLabel ? "the label" : "data")}; it has: {string.Join(", ", byName.Keys)}{(listing.NotFollowed.Count > 0 ? $"; links not followed: {string.Join(", ", listing.NotFollowed)}" : "")})");
                continue;
            }
            if (dataset.Space.Rank == 0)
            {
                Add(FindingKinds.UnsupportedType, name, dataset.Space.Type == H5DataspaceType.Null
                    ? $"dataset '{name}' has no dataspace (an empty dataset, h5py.Empty), so no rows; it is not scanned"
                    : $"dataset '{name}' is a scalar, not rows; it is not scanned");
                continue;
            }
            var type = Hdf5ElementType.Of(dataset, out var unsupported);
            if (type is null)
            {
                Add(FindingKinds.UnsupportedType, name, $"dataset '{name}' holds {unsupported}, not numbers DataScrub can check; it is not scanned");
                continue;
            }
            var field = Hdf5Field.Open(source, name, dataset, type, isLabel, out var problem);
            if (field is null)
            {
                Add(problem!.Value.Filter ? FindingKinds.UnsupportedFilter : FindingKinds.UnsupportedType, name, problem.Value.Why);
                continue;
            }
            fields.Add(field);
            // util/hdf5.cpp (hdf5_load_nd_dataset_helper) stops with LOG(FATAL) "Unsupported datatype class" on
            // these: read as h5py reads them, and checked, but Caffe's HDF5Data will not load the file.
            if (dataset.Type.Class is H5DataTypeClass.Enumerated or H5DataTypeClass.BitField)
                Add(FindingKinds.UnsupportedType, name, $"dataset '{name}' is {(dataset.Type.Class == H5DataTypeClass.Enumerated ? "an enumeration (H5T_ENUM)" : "a bitfield (H5T_BITFIELD)")}: checked as its {type.Describe()} values, as h5py reads them, but Caffe's HDF5Data refuses this type class (LOG(FATAL) \"Unsupported datatype class\"); store it as an integer type");
            ReportStorage(field, id, findings);
        }
        if (fields.Count == 0 && !missing)
            Add(FindingKinds.NoReadableDataset, null, $"the root holds {DescribeRoot(children, listing.NotFollowed)} and no dataset Caffe can read as a top (HDF5Data reads root datasets of integers or floats with at least one dimension); none of its rows is scanned");
        if (fields.Select(f => f.Rows).Distinct().Count() > 1)
            Add(FindingKinds.ShapeMismatch, null,
                $"datasets differ in their first dimension N ({string.Join(", ", fields.Select(f => $"{f.Name} {f.Rows}"))}); Caffe refuses this file; rows past a dataset's end are scanned without it");
        return new Hdf5FileFields(fields, findings)
        {
            Tops = fields.Count == 0 ? tops : tops.FixedBy(chosen.Where(c => byName.ContainsKey(c.Name))),
        };
    }

    /// <summary>Rows never written, and rows behind a filter DataScrub cannot decode: one finding per range.</summary>
    private static void ReportStorage(Hdf5Field field, string id, List<Finding> findings)
    {
        var fill = field.Type.FormatFillValue(field.Dataset.FillValue.Value);
        foreach (var (start, end) in field.Storage.Unwritten.Ranges)
            findings.Add(Finding.AboutStore(FindingKinds.UnwrittenRows, id, null,
                $"dataset '{field.Name}' rows {start}..{end - 1} ({end - start} of {field.Rows}) were never written: the file has no storage for them, " +
                $"and h5py and Caffe read them as the fill value {fill}, rows of training data that are nothing but {fill}; they are not scanned")
                with { Field = field.Name, FirstRow = start, RowCount = end - start });
        if (field.Storage.Undecodable is ({ } rows, { } filter))
            findings.Add(Finding.AboutStore(FindingKinds.UnsupportedFilter, id, null,
                $"dataset '{field.Name}' rows {rows} ({rows.Count} of {field.Rows}) are compressed with {filter.Describe()}, which DataScrub cannot decode (deflate, shuffle and fletcher32 it can); they are not scanned")
                with { Field = field.Name });
    }

    private static string DescribeRoot(List<IH5Object> children, List<string> notFollowed)
    {
        var parts = new List<string>();
        void Part(string what, IEnumerable<string> names)
        {
            var list = names.ToList();
            if (list.Count > 0) parts.Add($"{what} {string.Join(", ", list.Take(8))}{(list.Count > 8 ? $" and {list.Count - 8} more" : "")}");
        }
        Part("groups", children.OfType<IH5Group>().Select(g => g.Name));
        Part("datasets", children.OfType<IH5Dataset>().Select(d => $"{d.Name} ({DescribeType(d)})"));
        Part("named datatypes", children.OfType<IH5CommitedDatatype>().Select(t => t.Name));
        Part("unresolved links", children.OfType<IH5UnresolvedLink>().Select(l => l.Name));
        Part("links not followed", notFollowed);
        return parts.Count == 0 ? "nothing" : string.Join("; ", parts);
    }

    private static string DescribeType(IH5Dataset dataset) =>
        dataset.Space.Rank == 0 ? (dataset.Space.Type == H5DataspaceType.Null ? "empty" : $"a scalar {dataset.Type.Class}") : Hdf5ElementType.Of(dataset, out var why) is null ? why! : "numbers";
}
