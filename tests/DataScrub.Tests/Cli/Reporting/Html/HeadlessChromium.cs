using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DataScrub.Tests.Cli.Reporting.Html;

/// <summary>
/// Debian's <c>chromium</c>, headless, as a test oracle for the HTML report: it loads a page from a file, runs its
/// script, and gives back the DOM afterwards (<c>--dump-dom</c>) and the page's console messages (with
/// <c>--enable-logging=stderr</c>, each is a <c>CONSOLE</c> line on stderr). Each run has its own temporary profile
/// and a time limit after which the browser's process tree is killed.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>Set to 1 (CI does) to make the browser tests fail, not skip, when chromium is missing.</summary>
    public const string RequireVariable = "DATASCRUB_REQUIRE_CHROMIUM";

    /// <summary>A chromium binary to use instead of the first of chromium, chromium-browser, google-chrome on PATH.</summary>
    public const string BinaryVariable = "DATASCRUB_CHROMIUM";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string? Binary { get; } = Find();

    /// <summary>Why the browser tests skip, or null when they run (chromium found, or required).</summary>
    public static string? SkipReason =>
        Binary is not null || Environment.GetEnvironmentVariable(RequireVariable) == "1"
            ? null
            : $"chromium is not installed (apt-get install chromium); set {RequireVariable}=1 to make this a failure";

    /// <summary>The page's DOM after its scripts ran, and its console messages.</summary>
    public static (string Dom, IReadOnlyList<string> Console) DumpDom(string file, string hash = "")
    {
        var run = Run(["--dump-dom", new Uri(file).AbsoluteUri + hash]);
        return (run.Stdout, Console(run.Stderr));
    }

    /// <summary>A PNG of the page at <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static IReadOnlyList<string> Screenshot(string file, string png, int width, int height)
    {
        var run = Run([$"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(file).AbsoluteUri]);
        return Console(run.Stderr);
    }

    private static IReadOnlyList<string> Console(string stderr) =>
        [.. stderr.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal)).Select(line => line.Trim())];

    private static (string Stdout, string Stderr) Run(IEnumerable<string> arguments)
    {
        var binary = Binary ?? throw new InvalidOperationException(
            $"chromium is required ({RequireVariable}=1) but none was found on PATH (chromium, chromium-browser, google-chrome) or in {BinaryVariable}: apt-get install chromium");
        var profile = Directory.CreateTempSubdirectory("datascrub-chromium-");
        try
        {
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                // Docker gives /dev/shm 64 MB, which chromium can exhaust: its shared memory goes to /tmp instead.
                "--disable-background-networking", "--disable-sync", "--mute-audio", "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}",
                "--enable-logging=stderr", "--v=0",
            }) start.ArgumentList.Add(a);
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Limit.TotalSeconds} s: {string.Join(' ', start.ArgumentList)}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}:\n{stderr.Result}");
            return (stdout.Result, stderr.Result);
        }
        finally
        {
            try { profile.Delete(recursive: true); }
            catch (IOException) { }
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } configured) return configured;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        return null;
    }

    /// <summary>An attribute's value on the DOM dump's <c>body</c>, or null.</summary>
    public static string? BodyAttribute(string dom, string name)
    {
        var body = Regex.Match(dom, "<body[^>]*>").Value;
        var match = Regex.Match(body, $"\\s{Regex.Escape(name)}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }
}
