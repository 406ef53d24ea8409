using System.Runtime.InteropServices;
using System.Text;
using DataScrub.Checks;
using DataScrub.Findings;
using DataScrub.Records;
using DataScrub.Samples;

namespace DataScrub.Tests.Shared;

/// <summary>A decoded sample built field by field (every field a slice of one record, as decoders make them), and
/// one check run over it as a worker runs it: <c>Begin</c>, then <c>Inspect</c>.</summary>
public sealed class CheckHarness
{
    private readonly List<byte> _record = [];

    public SampleContent Content { get; } = new();

    public CheckHarness Field<T>(string name, TensorElementType type, T[] values, bool mustMatchDeclaredShape = true, bool isLabel = false)
        where T : unmanaged
    {
        while (_record.Count % 8 != 0) _record.Add(0xEE); // keep fields aligned, and the padding not all zero
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        Content.AddRecordField(name, type, _record.Count, bytes.Length, mustMatchDeclaredShape, isLabel);
        _record.AddRange(bytes);
        return this;
    }

    public CheckHarness Floats(string name, params float[] values) => Field(name, TensorElementType.Float32, values);

    public CheckHarness Mask(string name, TensorElementType type, byte[] values) => Field(name, type, values, false, isLabel: true);

    public CheckHarness EncodedImage(byte[] image)
    {
        Content.SetEncodedImage(image);
        return this;
    }

    /// <summary>The sample's mask image, as a reader hands it over with the sample (call first: it starts the sample).</summary>
    public CheckHarness EncodedMask(byte[] mask)
    {
        Content.Reset(new Sample(7, default, default, DataScrub.Formats.Caffe.CaffeDatumDecoder.Instance) { Mask = new RecordBytes(mask) });
        return this;
    }

    /// <summary>Runs <paramref name="check"/> on sample 7 (key <c>00000007_k</c>) and returns what it observed.</summary>
    public (List<Finding> Findings, SampleObservations Observations) Run(ICheck check)
    {
        var findings = new List<Finding>();
        var observations = new SampleObservations();
        observations.Begin(7, new RecordBytes(Encoding.UTF8.GetBytes("00000007_k")), findings);
        check.Inspect(Content, _record.ToArray(), observations);
        Assert.Equal(findings.Count, observations.FindingCount);
        Assert.All(findings, f => Assert.Equal((7L, "00000007_k"), (f.SampleIndex!.Value, f.Sample!)));
        return (findings, observations);
    }

    /// <summary>kind:field:count:index of each finding, in order: one string to compare exactly.</summary>
    public static string Describe(IEnumerable<Finding> findings) =>
        string.Join(" ", findings.Select(f => $"{f.Kind.Name}:{f.Field}:{f.Count}:{f.Index}"));
}
