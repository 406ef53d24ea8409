using DataScrub.Formats.Lmdb;
using DataScrub.Tests.Shared;

namespace DataScrub.Tests.Hostile;

/// <summary>The exact inputs the mutation tests (<see cref="MutationTests"/>) found crashing, hanging or over-allocating,
/// each kept as it was found: what the parser did then, what it does now.</summary>
public sealed class HostileInputRegressionTests
{
    /// <summary>lmdb_classes' data.mdb with 4 bytes (3b965747) inserted at 84526, inside leaf page 20's node area: its
    /// nodes then read flags 0x3a (F_SUBDATA among them) and values of 52 MB. The validator skipped the bounds check for
    /// F_SUBDATA nodes, liblmdb handed out a value 52 MB past its page and reading it killed the process (SIGSEGV, "Fatal
    /// error"). Now the store is refused before liblmdb opens it.</summary>
    [Fact]
    public void Lmdb_SubDataNodeWithValuePastItsPage_IsRefusedNotACrash()
    {
        using var temp = new TempDirectory();
        var store = temp.CopyDirectory(Fixtures.Path(Fixtures.Lmdb.Labels.Classes), "store");
        var data = Path.Combine(store, "data.mdb");
        var bytes = File.ReadAllBytes(data);
        File.WriteAllBytes(data, [.. bytes.AsSpan(0, 84526), 0x3b, 0x96, 0x57, 0x47, .. bytes.AsSpan(84526)]);

        var error = Assert.Throws<DatasetUnreadableException>(() => LmdbReader.Open(store));
        Assert.Contains("page 20 (offset 81920): node 0 value of 52972877 bytes runs past the page end", error.Message);
    }
}
