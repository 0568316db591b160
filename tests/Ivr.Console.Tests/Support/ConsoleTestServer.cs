using System.Runtime.CompilerServices;
using Ivr.Data;
using Ivr.Data.Accounts;
using Ivr.Data.Calls;
using Ivr.Data.Tests;
using Ivr.Flows.Loading;
using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.OperationsConsole.Flows;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>
/// The console on real Kestrel at 127.0.0.1 on a free port, over a temporary database (SQLite, or with <c>postgres</c> a
/// database of the test run's PostgreSQL server, one per test class, emptied for each test), the repository's
/// flows, a fake clock (sessions and statistics follow it) and a live-calls registry the test can feed.
/// Users: admin, supervisor, agent, agent2, editor, editor2 — each with password <see cref="Password"/>.
/// </summary>
internal sealed class ConsoleTestServer : IAsyncDisposable
{
    public const string Password = "test-password-1";

    private readonly string _folder;
    private PostgresDatabase? _postgres;

    private ConsoleTestServer(string folder, IvrDatabase database, FakeTimeProvider time, LiveCalls live, SqliteCallRecorder recorder, ConsoleHost host, FlowSource flows, List<string> serverLog)
    {
        ServerLog = serverLog;
        _folder = folder;
        Database = database;
        Time = time;
        Live = live;
        Recorder = recorder;
        Host = host;
        Flows = flows;
    }

    public IvrDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Where calls write: the live registry in front of the SQLite recorder.</summary>
    public LiveCalls Live { get; }

    public SqliteCallRecorder Recorder { get; }

    public ConsoleHost Host { get; private set; }

    private (ConsoleOptions Options, ConsoleServices Services) _started;

    public FlowSource Flows { get; }

    /// <summary>The editors' tools when started <c>withEditor</c>.</summary>
    public EditorTools? Editor { get; private init; }

    /// <summary>Every response any client of this server received.</summary>
    public ResponseLog Log { get; } = new();

    public string Recordings => Path.Combine(_folder, "recordings");

    /// <summary>The lines the console logged (lock it to read).</summary>
    public List<string> ServerLog { get; }

    /// <param name="flows">The serving flow set and its folders (default: the repository's flows, loaded once).</param>
    /// <param name="workbench">The editors' workbench (publishing, replay gate); none by default.</param>
    /// <param name="withEditor">The editors' tools (switches, prompt audio into a copy of the prompts folder, try-calls on the demo back end).</param>
    /// <param name="postgres">The console on a database of this PostgreSQL server (a class's tests must then be in
    /// <see cref="PostgresCollection"/>); SQLite without it.</param>
    public static async Task<ConsoleTestServer> StartAsync(string? flowsDirectory = null, bool withFaxes = false, Server.IServerDrain? drain = null,
        FlowSource? flows = null, OperationsConsole.Drafts.IFlowWorkbench? workbench = null, Ivr.OperationsConsole.Callers.IEmergencyPager? pager = null,
        bool withEditor = false, PostgresServer? postgres = null, [CallerFilePath] string callerFile = "", [CallerLineNumber] int callerLine = 0)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ivr-console-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "recordings"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)); // 10:00 in Beijing, a Monday
        var onPostgres = postgres?.NewDatabase(callerFile, callerLine); // a database per calling test class, as the data tests have
        var database = IvrDatabase.Open(onPostgres?.Location ?? Path.Combine(folder, "ivr.db"));
        var recorder = new SqliteCallRecorder(database);
        var live = new LiveCalls(recorder);
        var prompts = withEditor ? EditorTools.CopyPrompts(folder) : RepositoryPaths.Prompts;
        if (flows is null)
        {
            var loaded = FlowSetLoader.Load(flowsDirectory ?? RepositoryPaths.Flows, prompts, KnownOperations.All);
            Assert.True(loaded.Succeeded, string.Join('\n', loaded.Errors));
            var set = loaded.Set;
            flows = new FlowSource(() => set, flowsDirectory ?? RepositoryPaths.Flows, prompts, KnownOperations.All);
        }

        var serverLog = new List<string>();
        var editor = withEditor ? EditorTools.Create(database, time, prompts, serverLog) : null;
        var options = new ConsoleOptions
            {
                Port = 0,
                RecordingsDirectory = Path.Combine(folder, "recordings"),
                Passwords = new PasswordHasher(1000),
                InitialAdmin = ("admin", Password),
                WebRoot = Path.Combine(RepositoryPaths.Root, "engine", "Ivr.Console", "wwwroot"),
            };
        var services = new ConsoleServices(database, time, live, flows, line => { lock (serverLog) serverLog.Add(line); },
            withFaxes ? new ConsoleFaxJobs(database, time) : null, drain, Pager: pager, Workbench: workbench, Editor: editor?.Services);
        var host = await ConsoleHost.StartAsync(options, services, CancellationToken.None);
        var server = new ConsoleTestServer(folder, database, time, live, recorder, host, flows, serverLog) { _started = (options, services), Editor = editor, _postgres = onPostgres };
        var accounts = new Users.UserAccounts(database, new PasswordHasher(1000), time);
        foreach (var (name, role) in new[] { ("supervisor", ConsoleRole.Supervisor), ("agent", ConsoleRole.Agent), ("agent2", ConsoleRole.Agent), ("editor", ConsoleRole.Editor), ("editor2", ConsoleRole.Editor) })
            Assert.Null(await accounts.AddAsync(name, role, Password, CancellationToken.None));
        return server;
    }

    /// <summary>Stops the console and starts it again on the same database and port-free address (a server restart).</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await ConsoleHost.StartAsync(_started.Options, _started.Services, CancellationToken.None);
    }

    /// <summary>A new client (own cookies) whose responses go to <see cref="Log"/>.</summary>
    public ApiClient Client(System.Net.IPAddress? from = null) => new(Host.Address, Log, from);

    public async Task<ApiClient> SignedInAsync(string user)
    {
        var client = Client();
        var response = await client.SignInAsync(user, Password);
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {user}: {(int)response.StatusCode}");
        return client;
    }

    public async Task<IReadOnlyList<AccessLogEntry>> AccessLogAsync()
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        return await new AccessLogRepository(connection).RecentAsync(1000, null, null, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Editor is not null) await Editor.DisposeAsync();
        await Recorder.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _postgres?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
