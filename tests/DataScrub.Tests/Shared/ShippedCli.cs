namespace DataScrub.Tests.Shared;

/// <summary>
/// The binary users run: the Native AOT <c>datascrub</c> that <c>dotnet publish</c> (scripts/build.sh) makes. The
/// test project publishes it after every build (target PublishShippedCli in DataScrub.Tests.csproj) into
/// <c>shipped/</c> beside the tests, so every test that runs the command as a child process runs what ships.
/// </summary>
public static class ShippedCli
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "shipped");

    public static string Binary
    {
        get
        {
            var path = Path.Combine(Folder, "datascrub");
            if (!File.Exists(path))
                throw new InvalidOperationException($"{path} is missing: the test build publishes it (target PublishShippedCli); build the tests again");
            return path;
        }
    }
}
