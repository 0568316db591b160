namespace Ivr.OperationsConsole.Live;

/// <summary>The calls in progress, kept by the server from the calls' own events.</summary>
public interface ILiveCalls
{
    LiveSnapshot Snapshot();

    /// <summary>Completes once the version is past <paramref name="version"/> (at once when it already is).</summary>
    Task WaitForChangeAsync(long version, CancellationToken cancellation);
}
