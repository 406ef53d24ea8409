using System.Runtime.InteropServices;

namespace DataScrub.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM (what Kubernetes sends a pod before it kills it): the first asks the run to stop and
/// write what it has (a scan writes the report of what it scanned, and the state to resume it), so the process is
/// kept alive for that; a second one ends the process at once, as the signal would have. Set up once per process.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public Interruption()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _requested.Token;

    /// <summary>The first signal: SIGINT or SIGTERM; null before one arrived.</summary>
    public PosixSignal? Signal { get; private set; }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // Asked twice: the user (or the kubelet) means it. The default action ends the process.
            context.Cancel = false;
            return;
        }
        Signal = context.Signal;
        context.Cancel = true;
        _requested.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _requested.Dispose();
    }
}
