using DataScrub.Findings;

namespace DataScrub.Images;

/// <summary>One thing wrong with one image.</summary>
public readonly record struct ImageProblem(FindingKind Kind, string Message, long? Offset = null);
