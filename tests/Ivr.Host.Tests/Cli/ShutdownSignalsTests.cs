using Ivr.Host.Cli;

namespace Ivr.Host.Tests.Cli;

/// <summary>SIGTERM drains a server that asked for it, once; SIGINT, a second SIGTERM or a SIGTERM with no server stops now.</summary>
public sealed class ShutdownSignalsTests
{
    private readonly ShutdownSignals _signals = new();
    private bool _draining;
    private int _drains;

    [Fact]
    public void Terminate_WithoutADrain_StopsNow()
    {
        _signals.Terminate();

        Assert.True(_signals.StopNow.IsCancellationRequested);
    }

    [Fact]
    public void Terminate_WithADrain_DrainsFirst_ThenASecondTerminateStopsNow()
    {
        using var registration = _signals.DrainOnTerminate(Drain);

        _signals.Terminate();
        Assert.Equal(1, _drains);
        Assert.False(_signals.StopNow.IsCancellationRequested);

        _signals.Terminate();
        Assert.True(_signals.StopNow.IsCancellationRequested);
    }

    [Fact]
    public void Terminate_AfterADrainBegunElsewhere_StopsNow()
    {
        using var registration = _signals.DrainOnTerminate(Drain);
        _draining = true; // the console's button or `ivr drain` began it

        _signals.Terminate();

        Assert.True(_signals.StopNow.IsCancellationRequested);
    }

    [Fact]
    public void Interrupt_WhileADrainIsRegistered_StopsNow()
    {
        using var registration = _signals.DrainOnTerminate(Drain);

        _signals.Interrupt();

        Assert.Equal(0, _drains);
        Assert.True(_signals.StopNow.IsCancellationRequested);
    }

    [Fact]
    public void Terminate_AfterTheServerLetGoOfIt_StopsNow()
    {
        _signals.DrainOnTerminate(Drain).Dispose();

        _signals.Terminate();

        Assert.Equal(0, _drains);
        Assert.True(_signals.StopNow.IsCancellationRequested);
    }

    private bool Drain()
    {
        if (_draining) return false;
        _draining = true;
        _drains++;
        return true;
    }
}
