using System.Reflection;
using PureHDF;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// The three facts PureHDF 2.2.0 parses but does not expose, read from its (internal) native dataset
/// object: where a contiguous dataset's bytes are, the element byte order, and the filter pipeline.
/// Why: PureHDF reads row hyperslabs of a contiguous 4-D dataset at ~60 MB/s (measured) and refuses
/// big-endian data outright; with the extent known, DataScrub reads those bytes itself at disk speed
/// and swaps the byte order. Every lookup is guarded: if a PureHDF update renames the internals, each
/// answer is "unknown" and DataScrub falls back to PureHDF's public API (slower, little-endian only).
/// </summary>
internal static class PureHdfInternals
{
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>File offset and length of a contiguous dataset's raw data, or null.</summary>
    public static (ulong Address, ulong Size)? ContiguousExtent(IH5Dataset dataset)
    {
        if (dataset.Layout.Class != H5DataLayoutClass.Contiguous) return null;
        var properties = Get(Get(dataset, "InternalDataLayout"), "Properties");
        return Get(properties, "Address") is ulong address && Get(properties, "Size") is ulong size ? (address, size) : null;
    }

    /// <summary>True for big-endian elements, false for little-endian, null when unknown.</summary>
    public static bool? IsBigEndian(IH5Dataset dataset) =>
        Get(Get(Get(dataset, "InternalDataType"), "BitField"), "ByteOrder")?.ToString() switch
        {
            "BigEndian" => true,
            "LittleEndian" => false,
            _ => null,
        };

    /// <summary>The filters (id, name, parameters) applied to the dataset's chunks; empty for none, null when unknown.</summary>
    public static IReadOnlyList<(int Id, string Name, uint[] Parameters)>? Filters(IH5Dataset dataset)
    {
        PropertyInfo? pipeline;
        try { pipeline = dataset.GetType().GetProperty("InternalFilterPipeline", Any); }
        catch (AmbiguousMatchException) { return null; }
        if (pipeline is null) return null;
        var message = pipeline.GetValue(dataset);
        if (message is null) return [];
        if (Get(message, "FilterDescriptions") is not System.Collections.IEnumerable descriptions) return null;
        var filters = new List<(int, string, uint[])>();
        foreach (var description in descriptions)
        {
            if (Get(description, "Identifier") is not { } id) return null;
            filters.Add((Convert.ToInt32(id), Get(description, "Name")?.ToString() ?? "", Get(description, "ClientData") as uint[] ?? []));
        }
        return filters;
    }

    private static object? Get(object? target, string name)
    {
        if (target is null) return null;
        try
        {
            return target.GetType().GetProperty(name, Any)?.GetValue(target);
        }
        catch (Exception e) when (e is TargetInvocationException or AmbiguousMatchException or MethodAccessException)
        {
            return null;
        }
    }
}
