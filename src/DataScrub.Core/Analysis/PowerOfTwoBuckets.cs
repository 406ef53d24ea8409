namespace DataScrub.Analysis;

/// <summary>
/// A bounded summary of a run of positions (sample indices, batch numbers) in storage order: bucket b holds positions
/// [b w, (b + 1) w), w a power of two, and at most <see cref="Cap"/> buckets span the first position to the last.
/// A position past the cap doubles w (each pair of buckets combines into one), so memory stays at the cap whatever the
/// run's length. Two instances over consecutive runs merge into what one instance over both would hold: widths are
/// harmonised to the larger, then doubled as needed. So the final width depends only on the span of positions (the
/// smallest power of two whose buckets cover it within the cap), never on how the run was split: as long as no
/// instance starts wider than that (<see cref="PowerOfTwoBuckets{TBucket}(int, long)"/>' width is a hint, such as the
/// width of the run so far, which can only be narrower).
/// </summary>
/// <remarks>Not thread-safe: one instance per run, as analysis states are.</remarks>
public sealed class PowerOfTwoBuckets<TBucket> where TBucket : struct, IPositionBucket<TBucket>
{
    private TBucket[] _buckets;
    private int _count;

    /// <summary>The bucket number of <c>_buckets[0]</c> at the current <see cref="Width"/>.</summary>
    private long _first;

    /// <param name="cap">The most buckets between the first position and the last (at least 2).</param>
    /// <param name="width">The starting width, a power of two: 1, or a width the whole run will reach anyway.</param>
    public PowerOfTwoBuckets(int cap, long width = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 2);
        if (width < 1 || (width & (width - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(width), width, "a power of two");
        Cap = cap;
        Width = width;
        _buckets = new TBucket[Math.Min(cap, 8)];
    }

    public int Cap { get; }

    /// <summary>Positions per bucket: a power of two.</summary>
    public long Width { get; private set; }

    /// <summary>Buckets from the first position's to the last's (some may be empty between them).</summary>
    public int Count => _count;

    /// <summary>The <paramref name="i"/>-th bucket from the first.</summary>
    public ref TBucket this[int i]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)_count, nameof(i));
            return ref _buckets[i];
        }
    }

    /// <summary>The first position the <paramref name="i"/>-th bucket covers.</summary>
    public long StartOf(int i) => (_first + i) * Width;

    /// <summary>The bucket of <paramref name="position"/>, which is not before the first bucket: made (empty) when new,
    /// after doubling the width as often as the cap asks.</summary>
    public ref TBucket At(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        if (_count == 0)
        {
            _first = position / Width;
            _count = 1;
            return ref _buckets[0];
        }
        var bucket = position / Width;
        if (bucket < _first) throw new ArgumentOutOfRangeException(nameof(position), position, $"before the first bucket's start {StartOf(0)}");
        while (bucket - _first >= Cap)
        {
            Widen();
            bucket = position / Width;
        }
        var index = (int)(bucket - _first);
        if (index >= _count)
        {
            if (index >= _buckets.Length) Array.Resize(ref _buckets, Math.Min(Cap, Math.Max(index + 1, 2 * _buckets.Length)));
            _count = index + 1;
        }
        return ref _buckets[index];
    }

    /// <summary>Appends <paramref name="later"/>, whose positions all follow this run's (it may start inside this run's
    /// last bucket); <paramref name="later"/> is consumed.</summary>
    public void Merge(PowerOfTwoBuckets<TBucket> later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (later.Cap != Cap) throw new ArgumentException("the caps differ", nameof(later));
        while (Width < later.Width) Widen();
        while (later.Width < Width) later.Widen();
        for (var i = 0; i < later._count; i++)
        {
            ref readonly var item = ref later._buckets[i];
            if (item.IsEmpty) continue;
            // At may widen this run: later's bucket then lies whole inside the wider one (both are aligned).
            ref var target = ref At(later.StartOf(i));
            target = target.IsEmpty ? item : TBucket.Combine(target, item);
        }
    }

    /// <summary>A copy that may go on changing apart from this one.</summary>
    public PowerOfTwoBuckets<TBucket> Clone()
    {
        var copy = new PowerOfTwoBuckets<TBucket>(Cap, Width) { _count = _count, _first = _first };
        copy._buckets = (TBucket[])_buckets.Clone();
        return copy;
    }

    /// <summary>Doubles the width: bucket b becomes part of bucket b / 2.</summary>
    private void Widen()
    {
        var first = _first >> 1;
        // Ascending, each bucket moves to an index no higher than its own: every target was read (and cleared) first.
        for (var i = 0; i < _count; i++)
        {
            var item = _buckets[i];
            _buckets[i] = default;
            if (item.IsEmpty) continue;
            var target = (int)(((_first + i) >> 1) - first);
            _buckets[target] = _buckets[target].IsEmpty ? item : TBucket.Combine(_buckets[target], item);
        }
        _count = _count == 0 ? 0 : (int)(((_first + _count - 1) >> 1) - first + 1);
        _first = first;
        Width *= 2;
    }
}
