using System.Text;
using DataScrub.Findings;

namespace DataScrub.Sharding;

/// <summary>
/// Writes a shard's state (what <c>merge</c> needs of a shard: counts, listed findings, the analyses' states and
/// their per-sample logs) in a plain little-endian binary form. Doubles are written as their bits, so a merge
/// computes from exactly the values the shard had.
/// </summary>
public sealed class ShardStateWriter(Stream stream) : IDisposable
{
    private readonly BinaryWriter _writer = new(stream, Encoding.UTF8, leaveOpen: true);

    public Stream Stream => stream;

    public void Write(bool value) => _writer.Write(value);

    public void Write(byte value) => _writer.Write(value);

    public void Write(int value) => _writer.Write(value);

    public void Write(long value) => _writer.Write(value);

    public void Write(double value) => _writer.Write(BitConverter.DoubleToInt64Bits(value));

    public void Write(UInt128 value)
    {
        _writer.Write((ulong)value);
        _writer.Write((ulong)(value >> 64));
    }

    public void Write(long? value)
    {
        _writer.Write(value.HasValue);
        if (value is { } v) _writer.Write(v);
    }

    public void Write(int? value) => Write((long?)value);

    public void Write(double? value)
    {
        _writer.Write(value.HasValue);
        if (value is { } v) Write(v);
    }

    public void Write(string? value)
    {
        _writer.Write(value is not null);
        if (value is not null) _writer.Write(value);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
    }

    /// <summary>A finding with every field, its sample index moved by nothing (the shard's own numbering).</summary>
    public void Write(Finding finding)
    {
        Write(finding.Kind.Name);
        Write(finding.SampleIndex);
        Write(finding.Sample);
        Write(finding.Field);
        Write(finding.Count);
        Write(finding.Index);
        Write(finding.Message);
        Write((byte)finding.Severity);
        Write(finding.File);
        Write(finding.Offset);
        Write(finding.Line);
        Write(finding.FirstRow);
        Write(finding.RowCount);
        Write(finding.Class);
        Write(finding.Channel);
        Write(finding.Of);
        Write(finding.BatchSize);
        Write(finding.Fraction);
        Write(finding.Probability);
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
