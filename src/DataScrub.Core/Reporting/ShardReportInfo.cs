namespace DataScrub.Reporting;

/// <summary>What a shard's report says of the shard: which of how many, and where its state for <c>merge</c> is (a file
/// name beside the report). Its findings' sample indices count from the shard's first sample.</summary>
public sealed record ShardReportInfo(int Index, int Count, string State);
