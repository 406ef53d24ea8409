using System.Text.Json;

namespace DataScrub.Reporting;

/// <summary>
/// One part of a dataset's report that an analysis (or the rebuild) writes: it renders itself, so that a new
/// analysis adds its section without touching the report model or the sinks. Sinks write sections in
/// <see cref="Order"/>; the JSON report's existing sections keep their places (<c>labels</c> 100, <c>masks</c> 200,
/// <c>rebuild</c> 300, <c>statistics</c> 400); new ones come after.
/// </summary>
public interface IReportSection
{
    /// <summary>The JSON property name (<c>labels</c>), unique within a dataset's report.</summary>
    string Name { get; }

    int Order { get; }

    /// <summary>Writes the section as the property <see cref="Name"/> of the dataset's JSON object (or nothing, for a
    /// section that is not part of the JSON report).</summary>
    void WriteJson(Utf8JsonWriter json);

    /// <summary>The section's lines of the console summary, before the findings (none for most).</summary>
    void WriteConsole(TextWriter output);
}
