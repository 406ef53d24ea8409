using System.Reflection;

namespace DataScrub.Tests.Shared;

/// <summary>The catalogue and fixtures/ agree: a new fixture must be catalogued, a removed one uncatalogued.</summary>
public class FixturesTests
{
    private static readonly string[] NotFixtures = [".py", ".sh", ".md"];

    private static List<(string Entry, bool WholeFolder)> Entries()
    {
        var entries = new List<(string, bool)>();
        void Walk(Type type)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                entries.Add(((string)field.GetRawConstantValue()!, field.IsDefined(typeof(Fixtures.WholeFolderAttribute))));
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public))
                Walk(nested);
        }
        Walk(typeof(Fixtures));
        return entries;
    }

    [Fact]
    public void EveryFixtureFile_IsCatalogued()
    {
        var entries = Entries();
        var named = entries.Select(e => e.Entry).ToHashSet(StringComparer.Ordinal);
        // A dataset's generated sidecars (expected report, LevelDB live set) are named through it.
        named.UnionWith(entries.Select(e => Fixtures.Expected(e.Entry)));
        named.UnionWith(entries.Select(e => Fixtures.Live(e.Entry)));
        var wholeFolders = entries.Where(e => e.WholeFolder).Select(e => e.Entry + "/").ToList();

        var uncatalogued = Directory.EnumerateFiles(Fixtures.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Fixtures.Root, f).Replace('\\', '/'))
            .Where(f => !NotFixtures.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Where(f => !f.StartsWith("__pycache__/", StringComparison.Ordinal) && !f.Contains("/__pycache__/", StringComparison.Ordinal))
            .Where(f => !named.Contains(f) && !wholeFolders.Any(w => f.StartsWith(w, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(uncatalogued);
    }

    [Fact]
    public void EveryCatalogueEntry_Exists()
    {
        var entries = Entries();
        var missing = entries.Where(e => !File.Exists(Fixtures.Path(e.Entry)) && !Directory.Exists(Fixtures.Path(e.Entry))).Select(e => e.Entry).ToList();
        var wholeFoldersNotDirectories = entries.Where(e => e.WholeFolder && !Directory.Exists(Fixtures.Path(e.Entry))).Select(e => e.Entry).ToList();

        Assert.Empty(missing);
        Assert.Empty(wholeFoldersNotDirectories);
        Assert.Equal(entries.Count, entries.Select(e => e.Entry).Distinct(StringComparer.Ordinal).Count());
    }
}
