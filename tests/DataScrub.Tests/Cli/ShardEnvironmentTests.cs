using DataScrub.Cli.CommandLine;
using DataScrub.Sharding;

namespace DataScrub.Tests.Cli;

/// <summary><c>--shard auto</c>: the shard a Kubernetes Indexed Job or a Slurm job array names, and every environment
/// that names none, or two, refused with a message naming the variable and its value.</summary>
public class ShardEnvironmentTests
{
    /// <summary>An environment of exactly these variables ("NAME=value").</summary>
    private static Func<string, string?> Env(params string[] variables)
    {
        var map = variables.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return name => map.GetValueOrDefault(name);
    }

    private static ShardSpec Resolve(int? shardCount, params string[] variables) => ShardEnvironment.Resolve(Env(variables), shardCount);

    private static string Refused(int? shardCount, params string[] variables) =>
        Assert.Throws<ShardEnvironmentException>(() => ShardEnvironment.Resolve(Env(variables), shardCount)).Message;

    // Kubernetes Indexed Jobs.

    [Theory]
    [InlineData("0", 4, 0)]
    [InlineData("3", 4, 3)]
    [InlineData("0", 1, 0)]
    [InlineData("4095", 4096, 4095)]
    public void Kubernetes_IndexAndShardCountOption(string index, int count, int expected) =>
        Assert.Equal(new ShardSpec(expected, count), Resolve(count, $"JOB_COMPLETION_INDEX={index}"));

    [Fact]
    public void Kubernetes_CountFromTheVariable() =>
        Assert.Equal(new ShardSpec(2, 8), Resolve(null, "JOB_COMPLETION_INDEX=2", "DATASCRUB_SHARD_COUNT=8"));

    [Fact]
    public void Kubernetes_OptionAndVariableAgreeing_Accepted() =>
        Assert.Equal(new ShardSpec(5, 8), Resolve(8, "JOB_COMPLETION_INDEX=5", "DATASCRUB_SHARD_COUNT=8"));

    [Fact]
    public void Kubernetes_NoCount_SaysHowToGiveIt() =>
        Assert.Equal("--shard auto: JOB_COMPLETION_INDEX is 2 but the number of shards is not known: give --shard-count N or set DATASCRUB_SHARD_COUNT (the Job's completions)",
            Refused(null, "JOB_COMPLETION_INDEX=2"));

    [Fact]
    public void Kubernetes_IndexNotBelowCount_Refused() =>
        Assert.Equal("--shard auto: JOB_COMPLETION_INDEX is 4 but --shard-count is 4: the index must be 0 to 3 (are the Job's completions the shard count?)",
            Refused(4, "JOB_COMPLETION_INDEX=4"));

    [Fact]
    public void Kubernetes_IndexNotBelowCountFromVariable_NamesTheVariable() =>
        Assert.Contains("JOB_COMPLETION_INDEX is 9 but DATASCRUB_SHARD_COUNT is 3", Refused(null, "JOB_COMPLETION_INDEX=9", "DATASCRUB_SHARD_COUNT=3"));

    [Theory]
    [InlineData("abc", "--shard auto: JOB_COMPLETION_INDEX is 'abc', not a whole number")]
    [InlineData("", "--shard auto: JOB_COMPLETION_INDEX is '', not a whole number")]
    [InlineData("-1", "--shard auto: JOB_COMPLETION_INDEX is '-1', not a whole number")]
    [InlineData("+1", "--shard auto: JOB_COMPLETION_INDEX is '+1', not a whole number")]
    [InlineData(" 1", "--shard auto: JOB_COMPLETION_INDEX is ' 1', not a whole number")]
    [InlineData("1.0", "--shard auto: JOB_COMPLETION_INDEX is '1.0', not a whole number")]
    [InlineData("99999999999", "--shard auto: JOB_COMPLETION_INDEX is 99999999999, more than 2147483647")]
    public void Kubernetes_BadIndex_Refused(string value, string message) =>
        Assert.Equal(message, Refused(4, $"JOB_COMPLETION_INDEX={value}"));

    [Theory]
    [InlineData("0", "--shard auto: DATASCRUB_SHARD_COUNT is 0, less than 1")]
    [InlineData("4097", "--shard auto: DATASCRUB_SHARD_COUNT is 4097, more than 4096")]
    [InlineData("eight", "--shard auto: DATASCRUB_SHARD_COUNT is 'eight', not a whole number")]
    public void BadCountVariable_Refused(string value, string message) =>
        Assert.Equal(message, Refused(null, "JOB_COMPLETION_INDEX=0", $"DATASCRUB_SHARD_COUNT={value}"));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(4097)]
    public void BadCountOption_Refused(int count) =>
        Assert.Equal($"--shard-count: must be between 1 and 4096, not {count}", Refused(count, "JOB_COMPLETION_INDEX=0"));

    [Fact]
    public void CountOptionAndVariableDisagreeing_Refused() =>
        Assert.Equal("--shard auto: --shard-count is 4 but DATASCRUB_SHARD_COUNT is 8; give the shard count once, or the same in both",
            Refused(4, "JOB_COMPLETION_INDEX=0", "DATASCRUB_SHARD_COUNT=8"));

    // Slurm job arrays.

    [Theory]
    // --array=0-7
    [InlineData("0", "8", "0", null, null, 0, 8)]
    [InlineData("7", "8", "0", "7", "1", 7, 8)]
    // --array=1-4: the ids start at 1.
    [InlineData("1", "4", "1", "4", "1", 0, 4)]
    [InlineData("4", "4", "1", "4", "1", 3, 4)]
    // --array=10-24:7 is 10, 17, 24.
    [InlineData("10", "3", "10", "24", "7", 0, 3)]
    [InlineData("17", "3", "10", "24", "7", 1, 3)]
    [InlineData("24", "3", "10", "24", "7", 2, 3)]
    // --array=0-6:2%1 (at most one at a time: the limit changes nothing) is 0, 2, 4, 6.
    [InlineData("6", "4", "0", "6", "2", 3, 4)]
    public void Slurm_IndexFromIdMinAndStep(string id, string count, string min, string? max, string? step, int index, int expectedCount)
    {
        var variables = new List<string> { $"SLURM_ARRAY_TASK_ID={id}", $"SLURM_ARRAY_TASK_COUNT={count}", $"SLURM_ARRAY_TASK_MIN={min}" };
        if (max is not null) variables.Add($"SLURM_ARRAY_TASK_MAX={max}");
        if (step is not null) variables.Add($"SLURM_ARRAY_TASK_STEP={step}");

        Assert.Equal(new ShardSpec(index, expectedCount), Resolve(null, [.. variables]));
    }

    [Fact]
    public void Slurm_EveryTaskOfAStepArray_IsADifferentShard()
    {
        // --array=3-33:5: 3, 8, ..., 33, seven tasks; together they must be shards 0..6, each once.
        var shards = Enumerable.Range(0, 7)
            .Select(i => Resolve(null, $"SLURM_ARRAY_TASK_ID={3 + 5 * i}", "SLURM_ARRAY_TASK_COUNT=7", "SLURM_ARRAY_TASK_MIN=3", "SLURM_ARRAY_TASK_MAX=33", "SLURM_ARRAY_TASK_STEP=5"))
            .ToList();

        Assert.Equal(Enumerable.Range(0, 7).Select(i => new ShardSpec(i, 7)), shards);
    }

    [Fact]
    public void Slurm_ShardCountOptionEqualToTheArray_Accepted() =>
        Assert.Equal(new ShardSpec(1, 2), Resolve(2, "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=0"));

    [Fact]
    public void Slurm_ShardCountOptionOtherThanTheArray_Refused() =>
        Assert.Equal("--shard auto: --shard-count is 4 but SLURM_ARRAY_TASK_COUNT is 8: the array's tasks are the shards",
            Refused(4, "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=8", "SLURM_ARRAY_TASK_MIN=0"));

    [Fact]
    public void Slurm_CountVariableOtherThanTheArray_Refused() =>
        Assert.Equal("--shard auto: DATASCRUB_SHARD_COUNT is 4 but SLURM_ARRAY_TASK_COUNT is 8: the array's tasks are the shards",
            Refused(null, "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=8", "SLURM_ARRAY_TASK_MIN=0", "DATASCRUB_SHARD_COUNT=4"));

    [Fact]
    public void Slurm_NoCount_Refused() =>
        Assert.Equal("--shard auto: SLURM_ARRAY_TASK_COUNT is not set (a Slurm job array sets it beside SLURM_ARRAY_TASK_ID)",
            Refused(null, "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_MIN=0"));

    [Fact]
    public void Slurm_NoMin_Refused() =>
        Assert.Equal("--shard auto: SLURM_ARRAY_TASK_MIN is not set (a Slurm job array sets it beside SLURM_ARRAY_TASK_ID)",
            Refused(null, "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=8"));

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID", "x1", "--shard auto: SLURM_ARRAY_TASK_ID is 'x1', not a whole number")]
    [InlineData("SLURM_ARRAY_TASK_COUNT", "0", "--shard auto: SLURM_ARRAY_TASK_COUNT is 0, less than 1")]
    [InlineData("SLURM_ARRAY_TASK_COUNT", "5000", "--shard auto: SLURM_ARRAY_TASK_COUNT is 5000, more than 4096")]
    [InlineData("SLURM_ARRAY_TASK_MIN", "-1", "--shard auto: SLURM_ARRAY_TASK_MIN is '-1', not a whole number")]
    [InlineData("SLURM_ARRAY_TASK_STEP", "0", "--shard auto: SLURM_ARRAY_TASK_STEP is 0, less than 1")]
    [InlineData("SLURM_ARRAY_TASK_STEP", "", "--shard auto: SLURM_ARRAY_TASK_STEP is '', not a whole number")]
    [InlineData("SLURM_ARRAY_TASK_MAX", "seven", "--shard auto: SLURM_ARRAY_TASK_MAX is 'seven', not a whole number")]
    public void Slurm_BadValue_NamesTheVariable(string name, string value, string message)
    {
        var variables = new Dictionary<string, string>
        {
            ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "8", ["SLURM_ARRAY_TASK_MIN"] = "0",
            ["SLURM_ARRAY_TASK_MAX"] = "7", ["SLURM_ARRAY_TASK_STEP"] = "1",
        };
        variables[name] = value;

        Assert.Equal(message, Refused(null, [.. variables.Select(v => $"{v.Key}={v.Value}")]));
    }

    [Fact]
    public void Slurm_IdBelowMin_Refused() =>
        Assert.Equal("--shard auto: SLURM_ARRAY_TASK_ID is 0, below SLURM_ARRAY_TASK_MIN 1",
            Refused(null, "SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1"));

    [Fact]
    public void Slurm_IdOffTheStep_Refused() =>
        Assert.Equal("--shard auto: SLURM_ARRAY_TASK_ID is 11, which is not SLURM_ARRAY_TASK_MIN 10 plus a multiple of SLURM_ARRAY_TASK_STEP 7",
            Refused(null, "SLURM_ARRAY_TASK_ID=11", "SLURM_ARRAY_TASK_COUNT=3", "SLURM_ARRAY_TASK_MIN=10", "SLURM_ARRAY_TASK_STEP=7"));

    [Fact]
    public void Slurm_IdPastTheCount_Refused() =>
        Assert.Equal("--shard auto: SLURM_ARRAY_TASK_ID is 8, shard 8 counting from SLURM_ARRAY_TASK_MIN 0 in steps of 1, but SLURM_ARRAY_TASK_COUNT is 8: the index must be 0 to 7",
            Refused(null, "SLURM_ARRAY_TASK_ID=8", "SLURM_ARRAY_TASK_COUNT=8", "SLURM_ARRAY_TASK_MIN=0"));

    [Fact]
    public void Slurm_ListArray_Refused()
    {
        // --array=0,2,7: three tasks whose ids are no stepped range; task 7 would otherwise be shard 7 of 3.
        var message = Refused(null, "SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT=3", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=7", "SLURM_ARRAY_TASK_STEP=1");

        Assert.Equal("--shard auto: the Slurm array is not an evenly stepped range (SLURM_ARRAY_TASK_MIN 0, SLURM_ARRAY_TASK_MAX 7, SLURM_ARRAY_TASK_STEP 1, " +
                     "SLURM_ARRAY_TASK_COUNT 3); submit it as --array=0-2, or give the shard as --shard I/N", message);
    }

    // Neither, or both.

    [Fact]
    public void NoScheduler_SaysWhatItLooksFor() =>
        Assert.Equal("--shard auto: neither JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (a Slurm job array) is set; " +
                     "run it as one of those, or give the shard as --shard I/N",
            Refused(4, "DATASCRUB_SHARD_COUNT=4", "SLURM_ARRAY_TASK_COUNT=4"));

    [Fact]
    public void BothSchedulersAgreeing_Accepted() =>
        Assert.Equal(new ShardSpec(2, 4), Resolve(null, "JOB_COMPLETION_INDEX=2", "SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1"));

    [Fact]
    public void BothSchedulersDisagreeingOnTheIndex_Refused() =>
        Assert.Equal("--shard auto: JOB_COMPLETION_INDEX is 1 (shard 1/4) but SLURM_ARRAY_TASK_ID is 3 (shard 3/4 of the Slurm array); both schedulers' variables are set and they disagree",
            Refused(null, "JOB_COMPLETION_INDEX=1", "SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0"));

    [Fact]
    public void BothSchedulersDisagreeingOnTheCount_Refused() =>
        // The Slurm array's count against the count given for the Indexed Job: caught as a count mismatch first.
        Assert.Equal("--shard auto: DATASCRUB_SHARD_COUNT is 8 but SLURM_ARRAY_TASK_COUNT is 4: the array's tasks are the shards",
            Refused(null, "JOB_COMPLETION_INDEX=1", "DATASCRUB_SHARD_COUNT=8", "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0"));

    [Fact]
    public void BothSchedulers_KubernetesIndexBad_Refused() =>
        Assert.Equal("--shard auto: JOB_COMPLETION_INDEX is 'x', not a whole number",
            Refused(null, "JOB_COMPLETION_INDEX=x", "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0"));
}
