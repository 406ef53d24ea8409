using System.Globalization;
using System.Text.Json;
using DataScrub.Reporting;

namespace DataScrub.Analysis.Masks;

/// <summary>The <c>masks</c> section: how many segmentation masks are empty, and per batch size the probability
/// that a whole shuffled batch has only empty masks (a DICE loss of 0/0 for the batch).</summary>
public sealed record MaskReport(long Masks, long Empty, double EmptyFraction, IReadOnlyDictionary<int, double> AllEmptyBatchProbability) : IReportSection
{
    public string Name => "masks";

    public int Order => 200;

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject(Name);
        json.WriteNumber("masks", Masks);
        json.WriteNumber("empty", Empty);
        json.WriteNumber("emptyFraction", EmptyFraction);
        json.WriteStartObject("allEmptyBatchProbability");
        foreach (var (b, p) in AllEmptyBatchProbability) json.WriteNumber(b.ToString(CultureInfo.InvariantCulture), p);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public void WriteConsole(TextWriter output) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  masks: {Empty} of {Masks} empty ({EmptyFraction:P1})"));
}
