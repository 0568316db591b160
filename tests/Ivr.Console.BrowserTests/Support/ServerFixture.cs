namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>One running server for the whole collection: starting `ivr serve` costs seconds on a small machine.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ConsoleServer? _server;

    public ConsoleServer Server => _server ?? throw new InvalidOperationException("the console server did not start");

    public async Task InitializeAsync() => _server = await ConsoleServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The browser tests share one server and run one at a time (each drives a real Chromium).</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "console browser";
}
