using System.Globalization;
using DataScrub.Sharding;

namespace DataScrub.Cli.CommandLine;

/// <summary>
/// <c>--shard auto</c>: which shard this process is, read from the variables a batch scheduler sets, so that one
/// manifest or script serves every shard of a scan.
/// <list type="bullet">
/// <item>A Kubernetes Indexed Job sets <c>JOB_COMPLETION_INDEX</c> (0 to completions − 1) but not the number of
/// completions, so the count comes from <c>--shard-count N</c> or <c>DATASCRUB_SHARD_COUNT</c>.</item>
/// <item>A Slurm job array sets <c>SLURM_ARRAY_TASK_ID</c>, <c>_COUNT</c>, <c>_MIN</c>, <c>_MAX</c> and <c>_STEP</c>;
/// the task ids of <c>--array=1-15:2</c> are 1, 3, ..., 15, so the shard index is (ID − MIN) / STEP.</item>
/// </list>
/// A wrong shard silently scans the wrong part (or a part twice), and the mistake would only show at the merge,
/// after the whole scan: anything missing, malformed, out of range or contradictory is therefore refused here, as
/// a usage error whose message names the variable and the value it has.
/// </summary>
internal static class ShardEnvironment
{
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";
    public const string CountVariable = "DATASCRUB_SHARD_COUNT";
    public const string SlurmId = "SLURM_ARRAY_TASK_ID";
    public const string SlurmCount = "SLURM_ARRAY_TASK_COUNT";
    public const string SlurmMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmMax = "SLURM_ARRAY_TASK_MAX";
    public const string SlurmStep = "SLURM_ARRAY_TASK_STEP";

    private const string Prefix = "--shard auto: ";

    /// <summary>The shard the environment names.</summary>
    /// <param name="environment">Reads one variable; null when it is not set (<see cref="CliStreams.Environment"/>).</param>
    /// <param name="shardCount">The value of <c>--shard-count</c>, null when not given.</param>
    /// <exception cref="ShardEnvironmentException">The environment does not name one shard; the message says why.</exception>
    public static ShardSpec Resolve(Func<string, string?> environment, int? shardCount)
    {
        var explicitCount = ExplicitCount(environment, shardCount);
        var slurm = environment(SlurmId) is null ? (ShardSpec?)null : FromSlurm(environment, explicitCount);
        var kubernetes = environment(KubernetesIndex) is null ? (ShardSpec?)null : FromKubernetes(environment, explicitCount, slurm);

        if (slurm is null && kubernetes is null)
            throw new ShardEnvironmentException(Prefix + $"neither {KubernetesIndex} (a Kubernetes Indexed Job) nor {SlurmId} (a Slurm job array) is set; " +
                                                "run it as one of those, or give the shard as --shard I/N");
        // Both are set when, for example, a Slurm job starts a container of an Indexed Job's pod template by hand: the
        // two must name the same shard, or there is no telling which one was meant.
        if (slurm is { } s && kubernetes is { } k && s != k)
            throw new ShardEnvironmentException(Prefix + $"{KubernetesIndex} is {environment(KubernetesIndex)} (shard {k}) but {SlurmId} is {environment(SlurmId)} " +
                                                $"(shard {s} of the Slurm array); both schedulers' variables are set and they disagree");
        return slurm ?? kubernetes!.Value;
    }

    /// <summary><c>--shard-count</c> or <c>DATASCRUB_SHARD_COUNT</c>; both may be given, if they agree.</summary>
    private static Count? ExplicitCount(Func<string, string?> environment, int? option)
    {
        if (option is { } n && (n < 1 || n > ShardSpec.MaxCount))
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture, $"--shard-count: must be between 1 and {ShardSpec.MaxCount}, not {n}"));
        var fromVariable = environment(CountVariable) is null ? (int?)null : Number(environment, CountVariable, 1, ShardSpec.MaxCount);
        if (option is { } o && fromVariable is { } v && o != v)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}--shard-count is {o} but {CountVariable} is {v}; give the shard count once, or the same in both"));
        if (option is { } given) return new Count(given, "--shard-count");
        if (fromVariable is { } read) return new Count(read, CountVariable);
        return null;
    }

    private static ShardSpec FromKubernetes(Func<string, string?> environment, Count? explicitCount, ShardSpec? slurm)
    {
        // An Indexed Job does not tell its pods how many completions it has. Alongside a Slurm array the array's
        // count serves; the index is then checked against the array's shard in Resolve.
        var count = explicitCount ?? (slurm is { } s ? new Count(s.Count, SlurmCount) : null)
            ?? throw new ShardEnvironmentException(Prefix + $"{KubernetesIndex} is {environment(KubernetesIndex)} but the number of shards is not known: " +
                                                   $"give --shard-count N or set {CountVariable} (the Job's completions)");
        var index = Number(environment, KubernetesIndex, 0, int.MaxValue);
        if (index >= count.Value)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}{KubernetesIndex} is {index} but {count.Source} is {count.Value}: the index must be 0 to {count.Value - 1} (are the Job's completions the shard count?)"));
        return new ShardSpec(index, count.Value);
    }

    private static ShardSpec FromSlurm(Func<string, string?> environment, Count? explicitCount)
    {
        var id = Number(environment, SlurmId, 0, int.MaxValue);
        var count = Number(environment, SlurmCount, 1, ShardSpec.MaxCount, required: true);
        var min = Number(environment, SlurmMin, 0, int.MaxValue, required: true);
        // Slurm sets the step to 1 when the array has none; an older Slurm may not set it at all.
        var step = environment(SlurmStep) is null ? 1 : Number(environment, SlurmStep, 1, int.MaxValue);

        if (explicitCount is { } c && c.Value != count)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}{c.Source} is {c.Value} but {SlurmCount} is {count}: the array's tasks are the shards"));
        // A list such as --array=0,2,7 is not an evenly stepped range: its ids do not map onto 0..COUNT-1. MAX tells.
        if (environment(SlurmMax) is not null)
        {
            var max = Number(environment, SlurmMax, 0, int.MaxValue);
            if (max != min + (long)step * (count - 1))
                throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture,
                    $"{Prefix}the Slurm array is not an evenly stepped range ({SlurmMin} {min}, {SlurmMax} {max}, {SlurmStep} {step}, {SlurmCount} {count}); " +
                    $"submit it as --array=0-{count - 1}, or give the shard as --shard I/N"));
        }
        if (id < min)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{SlurmId} is {id}, below {SlurmMin} {min}"));
        if ((id - min) % step != 0)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}{SlurmId} is {id}, which is not {SlurmMin} {min} plus a multiple of {SlurmStep} {step}"));
        var index = (id - min) / step;
        if (index >= count)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}{SlurmId} is {id}, shard {index} counting from {SlurmMin} {min} in steps of {step}, but {SlurmCount} is {count}: the index must be 0 to {count - 1}"));
        return new ShardSpec(index, count);
    }

    /// <summary>A variable's value as a whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>]: digits only
    /// (no sign, no spaces), as the schedulers write them.</summary>
    private static int Number(Func<string, string?> environment, string name, int minimum, int maximum, bool required = false)
    {
        var text = environment(name);
        if (text is null)
            throw new ShardEnvironmentException(Prefix + (required ? $"{name} is not set (a Slurm job array sets it beside {SlurmId})" : $"{name} is not set"));
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            throw new ShardEnvironmentException(Prefix + $"{name} is '{text}', not a whole number");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > maximum)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{name} is {text}, more than {maximum}"));
        if (value < minimum)
            throw new ShardEnvironmentException(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{name} is {text}, less than {minimum}"));
        return value;
    }

    /// <summary>A shard count and where it was read, for the messages.</summary>
    private sealed record Count(int Value, string Source);
}

/// <summary><c>--shard auto</c> could not tell the shard from the environment: a usage error (exit 2); the message
/// names the variable and its value.</summary>
internal sealed class ShardEnvironmentException(string message) : Exception(message);
