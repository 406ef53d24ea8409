namespace DataScrub.Samples;

/// <summary>How a dataset's sample ids name the file (or folder) each sample came from, for the report's findings
/// per file: the reader says it (<see cref="DatasetInfo.SampleFiles"/>), the profile reads it from the ids.</summary>
public enum SampleFileNaming
{
    /// <summary>The samples come from one store (LMDB, LevelDB): no file per sample.</summary>
    None,

    /// <summary><c>FILE#ROW</c> (an HDF5 list's rows): the file is the text before the last <c>#</c>.</summary>
    FileHashRow,

    /// <summary>A relative path (an image folder or listfile): the file is the folder holding the image, the text
    /// before the last <c>/</c> (<c>.</c> for an image at the top).</summary>
    FolderOfPath,
}
