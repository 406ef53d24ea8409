using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DataScrub.Tests.Shared;

/// <summary>
/// A folder the command under test really cannot write in, also when the tests run as root (root ignores
/// permission bits): not root, mode 0555; root, the immutable attribute (chattr +i, which needs
/// CAP_LINUX_IMMUTABLE: a plain Docker container lacks it); root without it, mode 0555 with the command run
/// as nobody (setpriv, which Docker's default capabilities allow). <see cref="Run"/> runs the command the
/// way that makes the folder read-only for it. Everything the command reads must then be readable by nobody:
/// keep inputs under the same <see cref="TempDirectory"/>, whose root is opened up to others.
/// </summary>
public sealed partial class ReadOnlyFolder : IDisposable
{
    private const int Nobody = 65534;

    private readonly string _testRoot;
    private readonly string? _app;

    /// <param name="file">A file to leave in the folder (so that the folder cannot be removed either), or null.</param>
    public ReadOnlyFolder(TempDirectory temp, string name, string? file = null)
    {
        _testRoot = temp.Path;
        Path = temp.Combine(name);
        Directory.CreateDirectory(Path);
        if (file is not null) File.WriteAllText(System.IO.Path.Combine(Path, file), "left behind");
        if (GetEffectiveUserId() != 0)
        {
            Mechanism = "mode 0555 (not root)";
            File.SetUnixFileMode(Path, ReadAndExecute);
        }
        else if (Command("chattr", "+i", Path).Code == 0)
        {
            Mechanism = "chattr +i (root)";
        }
        else if (File.Exists("/usr/bin/setpriv") || File.Exists("/bin/setpriv"))
        {
            Mechanism = "mode 0555, command run as nobody (root without CAP_LINUX_IMMUTABLE)";
            File.SetUnixFileMode(Path, ReadAndExecute);
            File.SetUnixFileMode(_testRoot, ReadAndExecute | UnixFileMode.UserWrite);
            // The repository may lie where nobody cannot read (/root/...): the command runs from a copy.
            _app = System.IO.Path.Combine(_testRoot, "app");
            Directory.CreateDirectory(_app);
            File.Copy(ShippedCli.Binary, System.IO.Path.Combine(_app, "datascrub"));
            Directory.CreateDirectory(System.IO.Path.Combine(_testRoot, "home"));
            File.SetUnixFileMode(System.IO.Path.Combine(_testRoot, "home"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }
        else
        {
            throw new InvalidOperationException("cannot make a read-only folder here: running as root, chattr +i failed and there is no setpriv");
        }
        if (_app is null && CanWrite(Path))
            throw new InvalidOperationException($"{Path} is still writable after {Mechanism}");
    }

    public string Path { get; }

    /// <summary>How the folder was made read-only, for the test log.</summary>
    public string Mechanism { get; }

    /// <summary>How the system words its refusal to create a file here (EPERM for an immutable folder, else EACCES).</summary>
    public string SystemReason => Mechanism.StartsWith("chattr", StringComparison.Ordinal) ? "operation not permitted" : "permission denied";

    public CliRun Run(params string[] args)
    {
        if (_app is null) return CliRun.InProcess(args);
        var home = System.IO.Path.Combine(_testRoot, "home");
        return CliRun.ProcessAs(Nobody, new Dictionary<string, string> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home },
            System.IO.Path.Combine(_app, "datascrub"), args);
    }

    private const UnixFileMode ReadAndExecute = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static bool CanWrite(string directory)
    {
        try
        {
            File.WriteAllText(System.IO.Path.Combine(directory, "probe"), "");
            File.Delete(System.IO.Path.Combine(directory, "probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (int Code, string Output) Command(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    public void Dispose()
    {
        if (Mechanism.StartsWith("chattr", StringComparison.Ordinal)) Command("chattr", "-i", Path);
        else File.SetUnixFileMode(Path, ReadAndExecute | UnixFileMode.UserWrite);
    }
}
