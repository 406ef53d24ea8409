using CsCheck;
using DataScrub.Checks.NonFinite;

namespace DataScrub.Tests.Checks.NonFinite;

public class NonFiniteHalfTests
{
    private static readonly Gen<Half> GenHalf = Gen.Frequency(
        (6, Gen.UShort.Select(BitConverter.UInt16BitsToHalf)),  // any bit pattern: NaN payloads, subnormals, both zeros
        (1, Gen.OneOf(Half.NaN, Half.PositiveInfinity, Half.NegativeInfinity, Half.MaxValue, Half.MinValue, Half.Epsilon, BitConverter.UInt16BitsToHalf(0x8000))));

    [Fact]
    public void Scan_AnyHalfSpan_EqualsTheScalarReference() =>
        GenHalf.Array[0, 10_000].Sample(values =>
            Assert.Equal(NonFiniteScanner.ScanScalar(values), NonFiniteScanner.Scan(values)), iter: 500);

    [Fact]
    public void Scan_Half_FindsValuesInLaterChunksAtTheirIndex()
    {
        var values = new Half[9000];
        values[8999] = Half.NaN;
        values[5000] = Half.NegativeInfinity;
        values[10] = Half.MaxValue;

        var stats = NonFiniteScanner.Scan(values);

        Assert.Equal((1L, 0L, 1L, 8999L, 5000L, 5000L, 65504.0),
            (stats.NaNCount, stats.PositiveInfinityCount, stats.NegativeInfinityCount, stats.FirstNaNIndex, stats.FirstInfinityIndex, stats.FirstNonFiniteIndex, stats.MaxFiniteAbs));
    }
}
