using System.Net;
using Dapper;
using Ivr.Data;
using Ivr.Tests.Shared;

namespace Ivr.Host.Tests.Serving;

/// <summary>A real <c>ivr serve</c> killed with a call up: started again on the same data folder, it closes that call
/// <c>server_lost</c>, so no call stays "in progress" in the records.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly ExampleFlows _files = new();

    [Fact]
    public async Task KilledWithACallUp_RestartedOnTheSameData_TheCallIsClosedServerLost()
    {
        var port = FreePorts.One(); // the restart binds it again: no other test of this process is handed it meanwhile
        var rtp = 47000 + Environment.ProcessId % 50 * 40;
        var data = Path.Combine(_files.Root, "data");
        string[] arguments = ["--bind", "127.0.0.1", "--sip-port", $"{port}", "--rtp-ports", $"{rtp}-{rtp + 39}", "--no-console",
            "--flows", _files.Flows, "--prompts", _files.Prompts, "--data", data];
        var node = $"{Environment.MachineName}-127.0.0.1-{port}";

        using (var first = await ServeProcess.StartAsync(arguments))
        {
            await using var caller = new SipProbe();
            var call = await caller.CallAsync(IPAddress.Loopback, port);
            var row = await CallRowAsync(data, call.CallId, r => r is not null);
            Assert.Equal((node, null), (row!.Node, row.EndedAt));

            await first.KillAsync();
        }

        using var second = await ServeProcess.StartAsync(arguments);
        Assert.Contains($"node {node}: 1 call(s) left open by an earlier run closed as server_lost", second.Log);
        using var connection = Open(data);
        var closed = connection.QuerySingle<(string Disposition, string? EndedAt)>("SELECT disposition, ended_at FROM calls;");
        Assert.Equal("server_lost", closed.Disposition);
        Assert.NotNull(closed.EndedAt);
        Assert.Equal(("CallEnded", "server_lost"), connection.QuerySingle<(string, string)>(
            "SELECT kind, outcome FROM call_events ORDER BY seq DESC LIMIT 1;"));
    }

    /// <summary>The call's row once <paramref name="ready"/> holds (the recorder writes asynchronously); waits at most 30 s.</summary>
    private static async Task<CallRow?> CallRowAsync(string data, string callId, Func<CallRow?, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using (var connection = Open(data))
            {
                var row = connection.QuerySingleOrDefault<CallRow>("SELECT node AS Node, ended_at AS EndedAt FROM calls WHERE id = @callId;", new { callId });
                if (ready(row) || DateTime.UtcNow > deadline) return row;
            }
            await Task.Delay(100);
        }
    }

    private static System.Data.Common.DbConnection Open(string data) => IvrDatabase.Open(Path.Combine(data, "ivr.db")).OpenConnection();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.Dispose();
    }

    private sealed record CallRow(string? Node, string? EndedAt);
}
