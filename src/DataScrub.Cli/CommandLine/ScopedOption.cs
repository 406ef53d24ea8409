namespace DataScrub.Cli.CommandLine;

/// <summary>An option the user gave that applies only to some datasets (<see cref="OptionScope"/>).</summary>
internal sealed record ScopedOption(string Name, OptionScope Scope);
