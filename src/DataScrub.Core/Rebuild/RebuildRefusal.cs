namespace DataScrub.Rebuild;

/// <summary>Why a format cannot write what was asked, decided before the scan.</summary>
/// <param name="Reason">What cannot be done and what to do instead.</param>
/// <param name="AboutShuffle">The refusal is of the shuffled order the request asked for (the CLI names the option).</param>
public sealed record RebuildRefusal(string Reason, bool AboutShuffle = false);
