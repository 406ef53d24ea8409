using System.Diagnostics;
using DataScrub.Analysis.Statistics;

namespace DataScrub.Images.Decoding;

/// <summary>What the inspector asks of one decode.</summary>
/// <param name="MaxPixels">A declared width x height above this is <see cref="DecodeVerdict.TooLarge"/>, checked before
/// any pixel buffer is allocated.</param>
/// <param name="Deadline">A <see cref="Stopwatch.GetTimestamp"/> value: a decoder that can stop between rows, strips,
/// tiles or reads checks it and answers <see cref="DecodeVerdict.TimedOut"/> once it is past; <see cref="long.MaxValue"/>
/// for no limit.</param>
/// <param name="Moments">When given (length 4 or more), receives the decoded pixels' per-channel moments: 1 entry for
/// a grayscale image, 3 for colour (alpha left out), 4 for CMYK JPEGs; <see cref="DecodeResult.MomentChannels"/> says
/// how many were filled.</param>
public readonly record struct DecodeRequest(long MaxPixels, long Deadline = long.MaxValue, RunningMoments[]? Moments = null)
{
    /// <summary>True once the deadline has passed.</summary>
    public bool TimeIsUp => Deadline != long.MaxValue && Stopwatch.GetTimestamp() > Deadline;

    /// <summary>A deadline <paramref name="limit"/> from now (<see cref="Timeout.InfiniteTimeSpan"/> or zero: none).</summary>
    public static long DeadlineAfter(TimeSpan limit) =>
        limit <= TimeSpan.Zero ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
}
