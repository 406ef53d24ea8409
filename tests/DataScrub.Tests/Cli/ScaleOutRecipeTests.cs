using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataScrub.Cli;
using DataScrub.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace DataScrub.Tests.Cli;

/// <summary>
/// The copy-paste recipes of docs/scale-out.md: the Kubernetes Indexed Job and merge Job, the Slurm array and merge
/// scripts, and the doc's own 4-shard shell loop. Their structure is checked (what a cluster would refuse or get wrong:
/// completions against --shard-count, a writable dataset mount, an undeclared $(VARIABLE), the image's user and tag),
/// then every datascrub command in them is run with the shipped binary, once per shard with the environment the
/// scheduler would give that shard, the dataset and report paths pointed at a fixture copy and a temporary directory;
/// the merge of the shards must be the report of one unsharded scan of the same fixture, byte for byte but for timings.
/// </summary>
public sealed class ScaleOutRecipeTests
{
    private static readonly string Docs = Path.Combine(Fixtures.RepositoryRoot, "docs");
    private static readonly string Recipes = Path.Combine(Docs, "scale-out");
    private static readonly string ShardJobFile = Path.Combine(Recipes, "kubernetes-indexed-job.yaml");
    private static readonly string MergeJobFile = Path.Combine(Recipes, "kubernetes-merge-job.yaml");
    private static readonly string SlurmArrayFile = Path.Combine(Recipes, "slurm-array.sbatch");
    private static readonly string SlurmMergeFile = Path.Combine(Recipes, "slurm-merge.sbatch");

    /// <summary>An LMDB of 600 samples in several leaf pages, with duplicates: shards split it, and a duplicate whose
    /// first occurrence is in another shard is found only by the merge.</summary>
    private const string LmdbFixture = Fixtures.Lmdb.Labels.Classes;

    /// <summary>An image folder of 34 images in class folders, with damaged files (errors): the shards still exit 0.</summary>
    private const string ImageFixture = Fixtures.Images.Tree;

    // ---------------------------------------------------------------- Kubernetes: structure

    [Fact]
    public void ShardJob_IsIndexed_WithAsManyCompletionsAsShards()
    {
        var job = Yaml(ShardJobFile);
        var spec = Map(job, "spec");
        var args = Args(ShardContainer(job));

        Assert.Equal("batch/v1", Text(job, "apiVersion"));
        Assert.Equal("Job", Text(job, "kind"));
        Assert.Equal("Indexed", Text(spec, "completionMode"));
        var completions = Number(spec, "completions");
        Assert.Equal(completions, int.Parse(ValueAfter(args, "--shard-count")));
        Assert.Equal("auto", ValueAfter(args, "--shard"));
        Assert.Equal("scan", args[0]);
        var parallelism = Number(spec, "parallelism");
        Assert.InRange(parallelism, 1, completions);
        Assert.True(Number(spec, "backoffLimit") >= 0);
    }

    [Fact]
    public void ShardJob_ArgsUseOnlyVariablesTheContainerDeclares()
    {
        // Kubernetes expands $(NAME) in args only for a variable of the container's env; an unknown one stays as written,
        // and every shard would then write the same file "shard-$(JOB_COMPLETION_INDEX).json".
        var container = ShardContainer(Yaml(ShardJobFile));
        var declared = Env(container);

        var used = Args(container).SelectMany(a => Regex.Matches(a, @"\$\(([^)]*)\)").Select(m => m.Groups[1].Value)).ToList();

        Assert.Contains("JOB_COMPLETION_INDEX", used);
        Assert.All(used, name => Assert.True(declared.ContainsKey(name), $"$({name}) is not in the container's env"));
        var index = declared["JOB_COMPLETION_INDEX"];
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", Text(Map(Map(index, "valueFrom"), "fieldRef"), "fieldPath"));
        // The shard report name must differ per shard.
        Assert.Contains("$(JOB_COMPLETION_INDEX)", ValueAfter(Args(container), "--json"));
    }

    [Fact]
    public void ShardJob_DatasetOnAReadOnlyClaim_ReportsWritable()
    {
        var job = Yaml(ShardJobFile);
        var container = ShardContainer(job);
        var args = Args(container);

        var dataset = MountOf(job, container, args[1]);
        Assert.True(dataset.ReadOnly, $"{args[1]} is on a writable mount");
        Assert.Equal("true", Text(Map(dataset.Volume, "persistentVolumeClaim"), "readOnly"));
        var reports = MountOf(job, container, ValueAfter(args, "--json"));
        Assert.False(reports.ReadOnly);
        Assert.NotNull(Map(reports.Volume, "persistentVolumeClaim"));
        Assert.False(container.Children.ContainsKey("command"), "the shard container must run the image's entrypoint, datascrub");
    }

    [Fact]
    public void ShardJob_FailsAtOnceOnUsageOrUnreadable_AndOnlyThen()
    {
        var job = Yaml(ShardJobFile);
        var spec = Map(job, "spec");

        // podFailurePolicy requires restartPolicy Never. A shard never exits 1 (findings are not failures): exit 4 and
        // OOM kills are retried, as is a pod disrupted by the cluster.
        Assert.Equal("Never", Text(Map(Map(spec, "template"), "spec"), "restartPolicy"));
        var rules = Seq(Map(spec, "podFailurePolicy"), "rules").Cast<YamlMappingNode>().ToList();
        var failJob = rules.Where(r => Text(r, "action") == "FailJob").ToList();
        var codes = Assert.Single(failJob);
        Assert.Equal("In", Text(Map(codes, "onExitCodes"), "operator"));
        Assert.Equal("datascrub", Text(Map(codes, "onExitCodes"), "containerName"));
        Assert.Equal([ExitCodes.Usage, ExitCodes.Unreadable], Seq(Map(codes, "onExitCodes"), "values").Select(v => int.Parse(((YamlScalarNode)v).Value!)).Order());
        Assert.Contains(rules, r => Text(r, "action") == "Ignore" && Seq(r, "onPodConditions").Cast<YamlMappingNode>().Any(c => Text(c, "type") == "DisruptionTarget"));
    }

    [Theory]
    [InlineData("kubernetes-indexed-job.yaml")]
    [InlineData("kubernetes-merge-job.yaml")]
    public void Jobs_RunThisVersionsImage_AsItsUser(string file)
    {
        var job = Yaml(Path.Combine(Recipes, file));
        var pod = Map(Map(Map(job, "spec"), "template"), "spec");
        var container = (YamlMappingNode)Assert.Single(Seq(pod, "containers"));

        Assert.EndsWith($"/datascrub:{Program.Version}", Text(container, "image"));
        // The image's user (Dockerfile: useradd --uid 10001); not root, and its read-only root filesystem holds.
        var uid = Regex.Match(File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "Dockerfile")), @"useradd --uid (\d+)").Groups[1].Value;
        Assert.Equal(uid, Text(Map(pod, "securityContext"), "runAsUser"));
        Assert.Equal("true", Text(Map(pod, "securityContext"), "runAsNonRoot"));
        Assert.Equal("true", Text(Map(container, "securityContext"), "readOnlyRootFilesystem"));
    }

    [Fact]
    public void MergeJob_ReadsTheShardsTheShardJobWrites()
    {
        var shardJob = Yaml(ShardJobFile);
        var mergeJob = Yaml(MergeJobFile);
        var shardReport = ValueAfter(Args(ShardContainer(shardJob)), "--json");
        var script = MergeScript(mergeJob);

        // The glob covers the shard reports' names (the index replaced by *) in the same directory of the same claim.
        var glob = Regex.Match(script, @"datascrub merge (\S+)").Groups[1].Value;
        Assert.Equal(shardReport.Replace("$(JOB_COMPLETION_INDEX)", "*"), glob);
        var shardClaim = Text(Map(MountOf(shardJob, ShardContainer(shardJob), shardReport).Volume, "persistentVolumeClaim"), "claimName");
        var mergeContainer = (YamlMappingNode)Seq(Map(Map(Map(mergeJob, "spec"), "template"), "spec"), "containers")[0];
        Assert.Equal(shardClaim, Text(Map(MountOf(mergeJob, mergeContainer, glob).Volume, "persistentVolumeClaim"), "claimName"));
        Assert.Equal("Never", Text(Map(Map(Map(mergeJob, "spec"), "template"), "spec"), "restartPolicy"));
    }

    // ---------------------------------------------------------------- Kubernetes: run

    [Fact]
    public void KubernetesRecipe_ShardsThenMerge_IsTheOneMachineReport()
    {
        using var temp = new TempDirectory();
        var shardJob = Yaml(ShardJobFile);
        var container = ShardContainer(shardJob);
        var args = Args(container);
        var count = Number(Map(shardJob, "spec"), "completions");
        // Every mount becomes a directory here; the dataset named in args is a copy of the fixture.
        var mounts = Mounts(shardJob, container).ToDictionary(m => m.MountPath, m => temp.Combine(m.Name));
        foreach (var directory in mounts.Values) Directory.CreateDirectory(directory);
        var dataset = OnHost(args[1], mounts);
        CopyTree(Fixtures.Path(LmdbFixture), dataset);

        for (var index = 0; index < count; index++)
        {
            // What the kubelet does: $(VAR) from the container's env, then exec the entrypoint (datascrub) with the args.
            var environment = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = index.ToString() };
            var shardArgs = args.Select(a => OnHost(Expand(a, environment), mounts)).ToArray();
            var run = Run(ShippedCli.Binary, shardArgs, environment);
            Assert.True(run.ExitCode == ExitCodes.Clean, $"shard {index}: datascrub {string.Join(' ', shardArgs)}\n{run}");
        }
        var reports = mounts[MountOf(shardJob, container, ValueAfter(args, "--json")).MountPath];
        AssertShards(reports, "shard-*.json", count, Enumerable.Range(0, count).Select(i => $"shard-{i}.json"), dataset);

        var mergeJob = Yaml(MergeJobFile);
        var mergeContainer = (YamlMappingNode)Seq(Map(Map(Map(mergeJob, "spec"), "template"), "spec"), "containers")[0];
        var command = Seq(mergeContainer, "command").Select(n => ((YamlScalarNode)n).Value!).ToArray();
        var mergeMounts = Mounts(mergeJob, mergeContainer).ToDictionary(m => m.MountPath, m => mounts[m.MountPath]);
        var script = mergeMounts.Aggregate(MergeScript(mergeJob), (s, m) => s.Replace(m.Key + "/", m.Value + "/"));
        var merge = Run(command[0], [.. command[1..^1], script], new Dictionary<string, string>());

        AssertIsTheUnshardedScan(dataset, merge, Path.Combine(reports, "report.json"));
        Assert.True(File.Exists(Path.Combine(reports, "report.md")), "the merge wrote no report.md");
    }

    // ---------------------------------------------------------------- Slurm

    [Fact]
    public void SlurmScripts_ScanWithShardAuto_MergeTheSameDirectory()
    {
        var array = File.ReadAllText(SlurmArrayFile);
        var merge = File.ReadAllText(SlurmMergeFile);

        Assert.Single(Regex.Matches(array, @"^\s*\$DATASCRUB scan ""\$DATASET"" --shard auto\b", RegexOptions.Multiline));
        Assert.Contains(@"--json ""$REPORTS/shard-$SLURM_ARRAY_TASK_ID.json""", array);
        Assert.Single(Regex.Matches(merge, @"^\s*\$DATASCRUB merge ""\$REPORTS""/shard-\*\.json ", RegexOptions.Multiline));
        // The submission the header shows: the merge after every task of the array succeeded.
        Assert.Matches(@"sbatch --dependency=afterok:""\$shards"" docs/scale-out/slurm-merge\.sbatch", array);
        Assert.Matches(@"(?m)^#SBATCH --array=\d+-\d+$", array);
    }

    [Theory]
    // The array as written (0-7), and a stepped one from 3: --shard auto maps the task ids 3, 5, 7, 9 to shards 0..3.
    [InlineData(null)]
    [InlineData("3-9:2")]
    public void SlurmRecipe_ArrayThenMerge_IsTheOneMachineReport(string? arrayOverride)
    {
        using var temp = new TempDirectory();
        var script = File.ReadAllText(SlurmArrayFile);
        var array = arrayOverride ?? Regex.Match(script, @"(?m)^#SBATCH --array=(\S+)$").Groups[1].Value;
        var cpus = Regex.Match(script, @"(?m)^#SBATCH --cpus-per-task=(\d+)$").Groups[1].Value;
        var (ids, min, max, step) = SlurmArray(array);
        var dataset = temp.Combine("datasets", "tree");
        CopyTree(Fixtures.Path(ImageFixture), dataset);
        var reports = temp.Combine("reports");
        var common = new Dictionary<string, string> { ["DATASET"] = dataset, ["REPORTS"] = reports };

        foreach (var id in ids)
        {
            // What slurmd sets for a task of an array (sbatch's own variables, less those that do not matter here).
            var environment = new Dictionary<string, string>(common)
            {
                ["SLURM_ARRAY_JOB_ID"] = "4242", ["SLURM_JOB_ID"] = (4243 + id).ToString(),
                ["SLURM_ARRAY_TASK_ID"] = id.ToString(), ["SLURM_ARRAY_TASK_COUNT"] = ids.Count.ToString(),
                ["SLURM_ARRAY_TASK_MIN"] = min.ToString(), ["SLURM_ARRAY_TASK_MAX"] = max.ToString(),
                ["SLURM_ARRAY_TASK_STEP"] = step.ToString(), ["SLURM_CPUS_PER_TASK"] = cpus,
            };
            var run = Run("bash", [SlurmArrayFile], environment);
            Assert.True(run.ExitCode == ExitCodes.Clean, $"array task {id}:\n{run}");
        }
        AssertShards(reports, "shard-*.json", ids.Count, ids.Select(id => $"shard-{id}.json"), dataset);

        var merge = Run("bash", [SlurmMergeFile], common);

        AssertIsTheUnshardedScan(dataset, merge, Path.Combine(reports, "report.json"));
        Assert.True(File.Exists(Path.Combine(reports, "report.md")), "the merge wrote no report.md");
    }

    // ---------------------------------------------------------------- the doc

    [Fact]
    public void Doc_LinksEveryRecipe_AndEveryPathItNamesExists()
    {
        var doc = File.ReadAllText(Path.Combine(Docs, "scale-out.md"));

        foreach (var file in Directory.GetFiles(Recipes))
            Assert.Contains($"](scale-out/{Path.GetFileName(file)})", doc);
        // Paths the doc and the recipes' headers tell the reader to use.
        var texts = Directory.GetFiles(Recipes).Select(File.ReadAllText).Append(doc);
        foreach (Match path in texts.SelectMany(t => Regex.Matches(t, @"(?<![\w/.-])(?:docs|bench)/[\w./-]*\w")))
            Assert.True(File.Exists(Path.Combine(Fixtures.RepositoryRoot, path.Value)) || Directory.Exists(Path.Combine(Fixtures.RepositoryRoot, path.Value)),
                $"{path.Value} does not exist");
    }

    [Fact]
    public void Doc_WorkedExample_FourShardsInALoop_IsTheOneMachineReport()
    {
        // The doc's example runs in a directory holding the dataset as train_lmdb.
        var doc = File.ReadAllText(Path.Combine(Docs, "scale-out.md"));
        var example = Regex.Match(doc, @"<!-- worked example: tested by ScaleOutRecipeTests -->\s*```sh\n(.*?)```", RegexOptions.Singleline);
        Assert.True(example.Success, "docs/scale-out.md has no marked worked example");
        using var temp = new TempDirectory();
        CopyTree(Fixtures.Path(LmdbFixture), temp.Combine("train_lmdb"));

        var run = Run("bash", ["-euo", "pipefail", "-c", example.Groups[1].Value], new Dictionary<string, string>(), temp.Path);

        // The script's exit code is the merge's, and the paths in the reports are as given: train_lmdb, relative.
        AssertShards(temp.Combine("shards"), "*.json", 4, Enumerable.Range(0, 4).Select(i => $"shard-{i}.json"), "train_lmdb", temp.Path);
        var single = Unsharded("train_lmdb", temp.Path);
        Assert.True(run.ExitCode == single.Run.ExitCode, $"the example exits {run.ExitCode}, the scan {single.Run.ExitCode}\n{run}");
        Assert.Equal(Normalise(single.Report), Normalise(File.ReadAllText(temp.Combine("report.json"))));
        Assert.Equal(Normalise(single.Run.Out), Normalise(run.Out));
    }

    // ---------------------------------------------------------------- checks

    /// <summary>The shard reports in <paramref name="directory"/>: exactly <paramref name="names"/>, each naming its shard
    /// of <paramref name="count"/> and a state file that exists; together they read each of the dataset's samples once
    /// (<paramref name="dataset"/>'s unsharded scan counts them), and the split is real.</summary>
    private static void AssertShards(string directory, string pattern, int count, IEnumerable<string> names, string dataset, string? workingDirectory = null)
    {
        var files = Directory.GetFiles(directory, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), files);
        var indexes = new List<int>();
        var samples = new List<long>();
        foreach (var file in files)
        {
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, file!)));
            var shard = report.RootElement.GetProperty("shard");
            indexes.Add(shard.GetProperty("index").GetInt32());
            Assert.Equal(count, shard.GetProperty("count").GetInt32());
            Assert.Equal(file + ".state", shard.GetProperty("state").GetString());
            Assert.True(File.Exists(Path.Combine(directory, file + ".state")), $"{file}.state is missing");
            samples.Add(report.RootElement.GetProperty("datasets")[0].GetProperty("samples").GetInt64());
        }
        Assert.Equal(Enumerable.Range(0, count), indexes.Order());
        using var single = JsonDocument.Parse(Unsharded(dataset, workingDirectory).Report);
        var whole = single.RootElement.GetProperty("datasets")[0].GetProperty("samples").GetInt64();
        Assert.True(samples.Sum() == whole, $"the shards' samples are {string.Join(" + ", samples)}, not the dataset's {whole}");
        Assert.True(samples.Count(s => s > 0) >= 2, $"the shards' samples are {string.Join(", ", samples)}: the dataset was not split");
    }

    /// <summary>The merge's report and console summary are those of <c>datascrub scan DATASET --json</c>, timings apart,
    /// and it exits as that scan does.</summary>
    private static void AssertIsTheUnshardedScan(string dataset, ProcessRun merge, string mergedReport)
    {
        var single = Unsharded(dataset, null);
        Assert.True(merge.ExitCode == single.Run.ExitCode, $"the merge exits {merge.ExitCode}, the scan {single.Run.ExitCode}\n{merge}");
        Assert.True(File.Exists(mergedReport), $"the merge wrote no {mergedReport}\n{merge}");
        Assert.Equal(Normalise(single.Report), Normalise(File.ReadAllText(mergedReport)));
        Assert.Equal(Normalise(single.Run.Out), Normalise(merge.Out));
    }

    private static (ProcessRun Run, string Report) Unsharded(string dataset, string? workingDirectory)
    {
        using var temp = new TempDirectory();
        var json = temp.Combine("single.json");
        var run = Run(ShippedCli.Binary, ["scan", dataset, "--json", json], new Dictionary<string, string>(), workingDirectory);
        Assert.True(run.ExitCode is ExitCodes.Clean or ExitCodes.Findings, run.ToString());
        return (run, File.ReadAllText(json));
    }

    /// <summary>Timings out, as the golden reports normalise them: the report's seconds, the console's "in 0.12 s" and rates.</summary>
    private static string Normalise(string text)
    {
        text = Regex.Replace(text, @"""seconds"": [0-9.eE+-]+", "\"seconds\": 0");
        text = Regex.Replace(text, @"\b[0-9]+(\.[0-9]+)? s\b", "N s");
        return Regex.Replace(text, @"[0-9]+(\.[0-9]+)? (MB|GB|kB|samples|files|records)/s", "N $2/s");
    }

    // ---------------------------------------------------------------- running

    private sealed record ProcessRun(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    /// <summary>Runs a program with the shipped datascrub first on the PATH, and with none of the scheduler variables of
    /// this process's own environment: only <paramref name="environment"/>'s.</summary>
    private static ProcessRun Run(string file, string[] args, Dictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.ToList())
            if (name.StartsWith("SLURM_", StringComparison.Ordinal) || name is "JOB_COMPLETION_INDEX" or "DATASCRUB_SHARD_COUNT" or "DATASCRUB_CMD" or "DATASCRUB")
                start.Environment.Remove(name);
        start.Environment["PATH"] = ShippedCli.Folder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{file} did not finish"); }
        return new ProcessRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Kubernetes' expansion of args: $(NAME) is the variable's value when the container declares it, $$ is $.</summary>
    private static string Expand(string arg, Dictionary<string, string> environment) =>
        Regex.Replace(arg, @"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)", m =>
            m.Value == "$$" ? "$" : environment.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>A path inside the container as the directory standing for its mount here.</summary>
    private static string OnHost(string path, Dictionary<string, string> mounts)
    {
        foreach (var (mountPath, directory) in mounts)
            if (path.StartsWith(mountPath + "/", StringComparison.Ordinal))
                return directory + path[mountPath.Length..];
        return path;
    }

    /// <summary>The task ids of an sbatch <c>--array=FIRST-LAST[:STEP][%LIMIT]</c>, and what Slurm sets for them.</summary>
    private static (List<int> Ids, int Min, int Max, int Step) SlurmArray(string spec)
    {
        var m = Regex.Match(spec, @"^(\d+)-(\d+)(?::(\d+))?(?:%\d+)?$");
        Assert.True(m.Success, $"--array={spec} is not a range");
        int first = int.Parse(m.Groups[1].Value), last = int.Parse(m.Groups[2].Value);
        var step = m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : 1;
        var ids = new List<int>();
        for (var id = first; id <= last; id += step) ids.Add(id);
        return (ids, ids[0], ids[^1], step);
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    // ---------------------------------------------------------------- YAML

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) ? (YamlMappingNode)value : throw new Xunit.Sdk.XunitException($"no '{key}' in {node.Start}");

    private static YamlSequenceNode Seq(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) ? (YamlSequenceNode)value : throw new Xunit.Sdk.XunitException($"no '{key}' in {node.Start}");

    private static string Text(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value! : throw new Xunit.Sdk.XunitException($"no '{key}' in {node.Start}");

    private static int Number(YamlNode node, string key) => int.Parse(Text(node, key));

    private static YamlMappingNode ShardContainer(YamlMappingNode job) =>
        (YamlMappingNode)Assert.Single(Seq(Map(Map(Map(job, "spec"), "template"), "spec"), "containers"));

    private static List<string> Args(YamlMappingNode container) => Seq(container, "args").Select(n => ((YamlScalarNode)n).Value!).ToList();

    private static Dictionary<string, YamlMappingNode> Env(YamlMappingNode container) =>
        Seq(container, "env").Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"));

    private static string ValueAfter(List<string> args, string option)
    {
        var at = args.IndexOf(option);
        Assert.True(at >= 0 && at + 1 < args.Count, $"no {option} VALUE in the args");
        return args[at + 1];
    }

    /// <summary>The merge Job's shell line (<c>command: [/bin/sh, -c, LINE]</c>: a shell expands the glob).</summary>
    private static string MergeScript(YamlMappingNode job)
    {
        var container = (YamlMappingNode)Seq(Map(Map(Map(job, "spec"), "template"), "spec"), "containers")[0];
        var command = Seq(container, "command").Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Equal(["/bin/sh", "-c"], command[..2]);
        return Assert.Single(command[2..]);
    }

    private sealed record Mount(string Name, string MountPath, bool ReadOnly, YamlMappingNode Volume);

    private static IEnumerable<Mount> Mounts(YamlMappingNode job, YamlMappingNode container)
    {
        var volumes = Seq(Map(Map(Map(job, "spec"), "template"), "spec"), "volumes").Cast<YamlMappingNode>().ToDictionary(v => Text(v, "name"));
        foreach (var mount in Seq(container, "volumeMounts").Cast<YamlMappingNode>())
        {
            var readOnly = mount.Children.TryGetValue("readOnly", out var flag) && ((YamlScalarNode)flag).Value == "true";
            yield return new Mount(Text(mount, "name"), Text(mount, "mountPath").TrimEnd('/'), readOnly, volumes[Text(mount, "name")]);
        }
    }

    /// <summary>The mount <paramref name="path"/> is on (the longest mount path that contains it).</summary>
    private static Mount MountOf(YamlMappingNode job, YamlMappingNode container, string path) =>
        Mounts(job, container).Where(m => path.StartsWith(m.MountPath + "/", StringComparison.Ordinal)).MaxBy(m => m.MountPath.Length)
        ?? throw new Xunit.Sdk.XunitException($"{path} is on no volume mount: the container's own filesystem is read-only");
}
