namespace DataScrub.Formats.LevelDb;

/// <summary>Constants of LevelDB's log format, shared by the write-ahead logs and the MANIFEST.</summary>
internal static class LogFormat
{
    public const int BlockSize = 32 * 1024;

    /// <summary>crc u32 | length u16 | type u8.</summary>
    public const int HeaderSize = 7;

    public const byte Zero = 0;
    public const byte Full = 1;
    public const byte First = 2;
    public const byte Middle = 3;
    public const byte Last = 4;
}
