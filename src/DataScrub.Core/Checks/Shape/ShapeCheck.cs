using DataScrub.Findings;
using DataScrub.Records;

namespace DataScrub.Checks.Shape;

/// <summary>
/// <c>shape-mismatch</c>: a record whose stored element count differs from the C*H*W it declares (a
/// trainer would read past the data or reshape garbage), or that declares a shape but stores no
/// payload at all. Encoded images carry their shape inside the image; the image checks decode those.
/// </summary>
public sealed class ShapeCheck : ICheck
{
    public string Id => "shape";

    public void Inspect(SampleContent content, ReadOnlySpan<byte> record, SampleObservations findings)
    {
        if (content.DeclaredShape is not { } shape || content.IsEncodedImage) return;
        var expected = shape.ElementCount;
        var checkedFields = 0;
        for (var i = 0; i < content.FieldCount; i++)
        {
            var field = content.GetField(i, record);
            if (!field.MustMatchDeclaredShape) continue;
            checkedFields++;
            var actual = field.ElementCount;
            if (actual != expected)
                findings.Report(FindingKinds.ShapeMismatch, field.Name, actual, null,
                    $"{field.Name} holds {actual} values but the record declares {shape} = {Describe(expected)}");
        }
        if (checkedFields == 0)
            findings.Report(FindingKinds.ShapeMismatch, null, 0, null,
                $"the record declares {shape} but holds neither data nor float_data");
    }

    private static string Describe(long expected) => expected < 0 ? "an invalid (negative) size" : expected.ToString();
}
