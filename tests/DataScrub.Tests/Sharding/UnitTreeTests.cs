using CsCheck;
using DataScrub.Analysis;
using Xunit;

namespace DataScrub.Tests.Sharding;

/// <summary>The unit tree folds floating-point states the same way however the units were split into shards: the
/// root of a one-process fold equals, bit for bit, the root of shards' nodes joined by a merge.</summary>
public sealed class UnitTreeTests
{
    /// <summary>A sum of doubles: not associative in floating point, so any change of grouping shows in the bits.
    /// Also records the order of the units it holds.</summary>
    private sealed class Sum(double value, long unit) : IAnalysisState
    {
        public double Value { get; private set; } = value;

        public List<long> Units { get; } = [unit];

        public void Observe(in AnalysedSample sample) => throw new NotSupportedException();

        public void Merge(IAnalysisState later)
        {
            var other = (Sum)later;
            Value += other.Value;
            Units.AddRange(other.Units);
        }
    }

    private static readonly Gen<(double[] Values, bool[] Present, int[] Cuts)> Cases =
        Gen.Int[1, 300].SelectMany(n => Gen.Select(
            Gen.Double[-1e6, 1e6].Array[n],
            Gen.Bool.Array[n],
            Gen.Int[0, n].Array[0, 9]));

    [Fact]
    public void Root_IsTheSameForAnySplitIntoShards()
    {
        Cases.Sample(c =>
        {
            var (values, present, cuts) = c;
            var whole = new UnitTree();
            for (var u = 0; u < values.Length; u++)
                if (present[u]) whole.AddUnit(u, new Sum(values[u], u));
            var expected = (Sum?)whole.Root();

            var bounds = cuts.Append(0).Append(values.Length).Distinct().Order().ToList();
            var shards = new List<UnitTree>();
            for (var s = 0; s + 1 < bounds.Count; s++)
            {
                var shard = new UnitTree();
                for (var u = bounds[s]; u < bounds[s + 1]; u++)
                    if (present[u]) shard.AddUnit(u, new Sum(values[u], u));
                shards.Add(shard);
            }
            var merged = new UnitTree();
            // The merge may meet the shards' nodes in any order.
            foreach (var shard in Enumerable.Reverse(shards))
                foreach (var (level, index, state) in shard.Nodes)
                    merged.AddNode(level, index, state);
            var actual = (Sum?)merged.Root();

            Assert.Equal(expected is null, actual is null);
            if (expected is null) return;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value), BitConverter.DoubleToInt64Bits(actual!.Value));
            Assert.Equal(expected.Units, actual.Units);
            Assert.Equal(Enumerable.Range(0, values.Length).Where(u => present[u]).Select(u => (long)u), expected.Units);
        }, iter: 2000);
    }

    [Fact]
    public void AddingAUnitTwice_IsRefused()
    {
        var tree = new UnitTree();
        tree.AddUnit(3, new Sum(1, 3));
        Assert.Throws<InvalidOperationException>(() => tree.AddUnit(3, new Sum(1, 3)));
    }
}
