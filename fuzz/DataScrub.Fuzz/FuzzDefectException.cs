namespace DataScrub.Fuzz;

/// <summary>An input a parser did not handle as its contract says (not one it rejected cleanly).</summary>
public sealed class FuzzDefectException(string message, Exception? inner = null) : Exception(message, inner);
