using System.Runtime.InteropServices;

namespace Ivr.Host.Cli;

/// <summary>
/// What the process signals mean. SIGINT (Ctrl+C) stops now. SIGTERM drains when a running server has asked for it
/// (<see cref="DrainOnTerminate"/>: <c>ivr serve</c> refuses new calls and lets its calls end), and stops now
/// otherwise — so a second SIGTERM, or a SIGTERM to any other verb, stops at once, as does a SIGINT during a drain.
/// "Stop now" cancels <see cref="StopNow"/>; a server still ends its calls with a BYE and stops in order.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Func<bool>? _drain;

    /// <summary>The signals of this process; <see cref="Listen"/> connects them.</summary>
    public static ShutdownSignals Process { get; } = new();

    public CancellationToken StopNow => _stop.Token;

    /// <summary>
    /// Lets SIGTERM start <paramref name="drain"/> instead of stopping; it returns false when a drain had begun already
    /// (by an earlier SIGTERM, <c>ivr drain</c> or the console), and that SIGTERM then stops now. Disposing takes it back.
    /// </summary>
    public IDisposable DrainOnTerminate(Func<bool> drain)
    {
        ArgumentNullException.ThrowIfNull(drain);
        lock (_gate) _drain = drain;
        return new Registration(this, drain);
    }

    /// <summary>SIGTERM: starts the registered drain; without one, or when a drain had begun already, stops now.</summary>
    public void Terminate()
    {
        Func<bool>? drain;
        lock (_gate) drain = _drain;
        if (drain is null || !drain()) Interrupt();
    }

    /// <summary>SIGINT: stops now.</summary>
    public void Interrupt() => _stop.Cancel();

    /// <summary>Routes SIGINT and SIGTERM here until disposed; the default action (termination) never runs.</summary>
    public IDisposable Listen()
    {
        var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            Interrupt();
        });
        var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Terminate();
        });
        return new Both(interrupt, terminate);
    }

    public void Dispose() => _stop.Dispose();

    private sealed class Registration(ShutdownSignals owner, Func<bool> drain) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                if (owner._drain == drain) owner._drain = null;
            }
        }
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
