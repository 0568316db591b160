namespace Ivr.Host.Serving;

/// <summary>
/// What the server has started, in order, each with how to stop it. Stopping goes in reverse order of start,
/// so nothing is stopped while a part started after it still uses it (the fax queue before the SIP stack it
/// dials through, the SIP stack before the pacing thread its calls play on, the console before the database
/// readers it serves…). A part that fails to stop is logged and the others still stop.
/// </summary>
public sealed class StartedParts(Action<string> log) : IAsyncDisposable
{
    private readonly Stack<(string Name, Func<ValueTask> Stop)> _parts = new();

    public T Add<T>(string name, T part, Func<T, ValueTask> stop)
    {
        _parts.Push((name, () => stop(part)));
        return part;
    }

    public T Add<T>(string name, T part) where T : IAsyncDisposable => Add(name, part, p => p.DisposeAsync());

    public T AddDisposable<T>(string name, T part) where T : IDisposable => Add(name, part, p =>
    {
        p.Dispose();
        return ValueTask.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        while (_parts.TryPop(out var part))
        {
            try
            {
                await part.Stop().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                log($"stopping {part.Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
