using DataScrub.Fuzz.Harnesses;
using SharpFuzz;

namespace DataScrub.Fuzz;

/// <summary>
/// The fuzzing driver (fuzz/README.md):
/// <c>list</c> the harnesses; <c>seeds HARNESS DIR</c> writes the initial corpus from the fixtures;
/// <c>instrumented HARNESS</c> says what <c>fuzz/run.sh</c> has SharpFuzz instrument for it;
/// <c>run HARNESS</c> is afl-fuzz's target (SharpFuzz's fork server, the input on stdin; once, without afl-fuzz);
/// <c>replay HARNESS PATH...</c> runs files or folders of inputs and says which ones are defects (exit 1).
/// </summary>
public static class Program
{
    public static unsafe int Main(string[] args)
    {
        // The instrumented assemblies record each branch in SharpFuzz's trace map, which only Fuzzer.Run points at
        // afl-fuzz's shared memory: until then (and in every mode but 'run') they need a map of their own, or the first
        // instrumented line (a static constructor of a harness) writes through a null pointer. One-time process setup.
        SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(TraceMapSize);
        // The CLI harnesses' stderr (kept in a crash's message) then holds the whole exception, not one line.
        Environment.SetEnvironmentVariable("DATASCRUB_DEBUG", "1");
        switch (args)
        {
            case ["list"]:
                foreach (var harness in FuzzHarnesses.All) Console.WriteLine($"{harness.Name,-18} {harness.Description}");
                return 0;
            case ["seeds", var name, var directory] when FuzzHarnesses.Find(name) is { } harness:
                Directory.CreateDirectory(directory);
                var count = 0;
                foreach (var seed in harness.Seeds(RepositoryFiles.Locate()))
                {
                    File.WriteAllBytes(Path.Combine(directory, seed.Name), seed.Bytes);
                    count++;
                }
                Console.WriteLine($"{count} seeds for {name} in {directory}");
                return count > 0 ? 0 : 1;
            case ["instrumented", var name] when FuzzHarnesses.Find(name) is { } harness:
                // One line per assembly: its name, then the namespaces to instrument (none: all of it), as sharpfuzz takes them.
                foreach (var assembly in harness.Instrumented.Select(i => i.Split(':')).GroupBy(p => p[0]))
                    Console.WriteLine(string.Join(' ', [assembly.Key, .. assembly.Where(p => p.Length > 1).Select(p => p[1])]));
                return 0;
            case ["run", var name] when FuzzHarnesses.Find(name) is { } harness:
                // Out of process: a native crash, a stack overflow or a hang kills only the child SharpFuzz runs the input in,
                // which afl-fuzz records as a crash or a hang; the in-process fork server would die with it and end the campaign.
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var memory = new MemoryStream();
                    stream.CopyTo(memory);
                    harness.Run(memory.ToArray());
                });
                return 0;
            case ["replay", var name, .. var paths] when paths.Length > 0 && FuzzHarnesses.Find(name) is { } harness:
                return Replay(harness, paths);
            default:
                Console.Error.WriteLine("usage: DataScrub.Fuzz list | seeds HARNESS DIR | instrumented HARNESS | run HARNESS | replay HARNESS PATH...");
                Console.Error.WriteLine($"harnesses: {string.Join(", ", FuzzHarnesses.All.Select(h => h.Name))}");
                return 2;
        }
    }

    /// <summary>AFL's coverage map size, which SharpFuzz writes to.</summary>
    private const int TraceMapSize = 1 << 16;

    private static int Replay(IFuzzHarness harness, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
        var defects = 0;
        foreach (var file in files)
        {
            try
            {
                harness.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                defects++;
                Console.WriteLine($"{file}: {e}");
            }
        }
        Console.WriteLine($"{harness.Name}: {files.Count} inputs, {defects} defects");
        return defects == 0 ? 0 : 1;
    }
}
