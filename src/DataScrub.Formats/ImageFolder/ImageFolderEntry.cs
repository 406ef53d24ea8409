namespace DataScrub.Formats.ImageFolder;

/// <summary>One image the dataset names: its sample id, its file (null when missing) and its label.</summary>
internal sealed record ImageFolderEntry(string Id, string? Path, long? Label);
