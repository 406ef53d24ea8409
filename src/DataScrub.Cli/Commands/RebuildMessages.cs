using DataScrub.Findings;
using DataScrub.Rebuild;

namespace DataScrub.Cli.Commands;

/// <summary>The words a failed or refused rebuild prints: the engine says what went wrong, this says which
/// option of the command line would ask for something else.</summary>
internal static class RebuildMessages
{
    public static string Describe(RebuildException e) => e switch
    {
        DestinationExistsException exists =>
            $"{exists.Destination}: exists; give --force to replace it (only once the new copy is written and verified)",
        UnknownTargetFormatException to =>
            $"--to {to.Name}: not a format this build writes ({string.Join(", ", to.Known)})",
        UncoveredFindingException uncovered =>
            $"{uncovered.Part}: {uncovered.Finding.Message}; {HowToLeaveOut(uncovered.Finding.Kind, uncovered.IsEntry, uncovered.SourceHasFiles)}; nothing was written",
        RebuildRefusedException { Refusal: var refusal } => refusal.AboutShuffle ? $"--shuffle: {refusal.Reason}" : refusal.Reason,
        UnconvertibleRecordException record => $"{record.SampleId}: {record.Reason}: cannot convert; drop it with --drop-bad",
        _ => e.Message,
    };

    private static string HowToLeaveOut(FindingKind kind, bool isEntry, bool sourceHasFiles)
    {
        // --drop names sample-level kinds only; --drop-bad covers every error.
        var give = kind.Level == FindingLevel.Sample ? $"give --drop-bad or --drop {kind.Name}" : "give --drop-bad";
        return isEntry ? $"{give} to leave it out of the copy"
            : sourceHasFiles ? $"{give} to leave the file out of the copy"
            : $"{give} to leave what could not be read out of the copy";
    }
}
