namespace DataScrub.Fuzz.Harnesses;

/// <summary>
/// One parser under AFL++: what it is fed (one input file's bytes) and what counts as a defect. <see cref="Run"/>
/// returns for every input the parser handled as specified (findings, a clean error) and throws for anything else: an
/// exception the parser's contract does not name, a verdict two decoders disagree on, a CLI exit code that blames
/// DataScrub (4) for what the data did. Under afl-fuzz an escaping exception is a crash.
/// </summary>
public interface IFuzzHarness
{
    /// <summary>The name <c>fuzz/run.sh</c> takes, and the corpus folder's name (<c>fuzz/corpus/NAME</c>).</summary>
    string Name { get; }

    /// <summary>What is fuzzed, for <c>DataScrub.Fuzz list</c>.</summary>
    string Description { get; }

    /// <summary>The inputs that seed the corpus, taken from the fixtures (whole files, or the parts of them this
    /// parser reads, such as one block of a LevelDB table).</summary>
    IEnumerable<FuzzSeed> Seeds(RepositoryFiles files);

    /// <summary>
    /// What SharpFuzz instruments for this harness: "ASSEMBLY" (all of it) or "ASSEMBLY:NAMESPACE" (that namespace).
    /// Only the parser's own code: afl-fuzz's coverage map has 64 K entries, and instrumenting every assembly a scan
    /// runs (the CLI, the pipeline, the other formats) fills it until branches collide, which blinds the search and
    /// bloats the minimised corpus with inputs that differ only by noise.
    /// </summary>
    IReadOnlyList<string> Instrumented { get; }

    /// <summary>Runs the parser on <paramref name="input"/>.</summary>
    /// <exception cref="FuzzDefectException">The parser did not handle the input as its contract says.</exception>
    void Run(byte[] input);
}
