using DataScrub.Formats;
using DataScrub.Formats.ImageFolder;

namespace DataScrub.Cli;

/// <summary>The command line's words for a dataset that cannot be read: the library's reason, with the option that
/// would help where the library says which (it names no command-line flag itself). Used for stderr and the report's
/// <c>error</c> alike.</summary>
internal static class UnreadableDatasetText
{
    /// <summary>Why, as the report's <c>error</c> says it.</summary>
    public static string Reason(DatasetUnreadableException e) => e switch
    {
        UnrecognisedFormatException => $"{e.Reason}; pass --format if the detection is wrong",
        MaskFolderMissingException => "the mask folder (--masks) does not exist",
        _ => e.Reason,
    };

    /// <summary>The stderr line's text after <c>datascrub: </c>: the path, then why.</summary>
    public static string Message(DatasetUnreadableException e) => $"{e.Path}: {Reason(e)}";
}
