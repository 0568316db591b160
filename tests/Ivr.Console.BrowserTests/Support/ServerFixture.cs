namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>One running server for the whole collection: starting `ivr serve` costs seconds on a small machine.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ConsoleServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The browser tests share one server and run one at a time (each drives a real Chromium).</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "console browser";
}
