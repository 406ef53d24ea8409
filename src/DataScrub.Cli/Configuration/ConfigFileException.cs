namespace DataScrub.Cli.Configuration;

/// <summary>A configuration file that cannot be used: a usage error naming the file.</summary>
internal sealed class ConfigFileException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string ConfigPath { get; } = path;
}
