namespace DataScrub.Formats.ImageFolder;

/// <summary>The folder of segmentation masks the reader was given (<see cref="ReaderOptions.MaskRoot"/>) does not exist.</summary>
public sealed class MaskFolderMissingException(string maskRoot) : DatasetUnreadableException(maskRoot, "the mask folder does not exist");
