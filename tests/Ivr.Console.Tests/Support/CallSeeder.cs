using Ivr.Core.Calls;

namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>Writes recorded calls through the server's recorder chain (live registry → SQLite), as running calls would.</summary>
internal sealed class CallSeeder(ConsoleTestServer server)
{
    public const string Version = "seededv00001";

    public void Call(string id, string caller, DateTimeOffset at, string disposition, params (CallEventKind Kind, string? Node, string? Outcome, string? Detail)[] events)
    {
        server.Live.CallStarted(new CallStart(id, caller, "12333", Version, "main", at));
        var seq = 0;
        server.Live.Append(new CallEvent(id, seq++, at, CallEventKind.CallStarted, Version));
        foreach (var (kind, node, outcome, detail) in events)
        {
            at += TimeSpan.FromSeconds(2);
            server.Live.Append(new CallEvent(id, seq++, at, kind, Version, node, outcome, detail));
        }

        at += TimeSpan.FromSeconds(1);
        server.Live.Append(new CallEvent(id, seq, at, CallEventKind.CallEnded, Version, null, disposition));
        server.Live.CallEnded(id, at, disposition);
    }

    public void Flush() => server.Recorder.Flush();

    public static (CallEventKind, string?, string?, string?) Entered(string node) => (CallEventKind.NodeEntered, node, null, null);
}
