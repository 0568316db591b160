using Ivr.Core.Calls;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Data.Messages;
using Ivr.Data.Surveys;
using Microsoft.Data.Sqlite;

namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>Puts records into the running server's database, the way the IVR itself would have left them.</summary>
internal static class Seed
{
    /// <summary>
    /// A voice message whose recording is a copy of a real prompt (8 kHz mono WAV, a few seconds of Mandarin),
    /// stored, as the telephony layer stores them, by file name in DATA/recordings. Returns the message id.
    /// <paramref name="dueBeyondCalendar"/>: the due date was counted past the calendar's last year (M018).
    /// </summary>
    public static async Task<long> VoiceMessageAsync(ConsoleServer server, string callbackNumber, string reason, DateTimeOffset createdAt, DateOnly dueDate,
        bool dueBeyondCalendar = false)
    {
        Directory.CreateDirectory(server.RecordingsFolder);
        var file = $"browser-{Guid.NewGuid():N}-1.wav";
        File.Copy(Path.Combine(RepositoryPaths.Prompts, "agent_busy.wav"), Path.Combine(server.RecordingsFolder, file));

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.DatabasePath, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return await new VoiceMessageRepository(connection).InsertAsync(
            $"browser-{Guid.NewGuid():N}", file, callbackNumber, reason, createdAt, new Ivr.Core.Calendar.WorkingDayDate(dueDate, dueBeyondCalendar),
            CancellationToken.None);
    }

    /// <summary>One finished call as the runtime records it: the nodes it entered, whether a lookup served it, how it ended, an optional survey score.</summary>
    public sealed record CallPlan(string[] Nodes, string Disposition, bool Served = false, int? SurveyScore = null);

    /// <summary>
    /// Records finished calls through the server's own recorder (the path every real call's events take),
    /// all on one flow version so a test can filter the statistics down to exactly these calls.
    /// Call i starts i hours before <paramref name="lastStart"/> and lasts a minute; <paramref name="answeringNode"/>: the node that answered them.
    /// </summary>
    public static async Task CallsAsync(ConsoleServer server, string flowVersion, DateTimeOffset lastStart, IReadOnlyList<CallPlan> plans, string? answeringNode = null)
    {
        var database = IvrDatabase.Open(server.DatabasePath);
        var surveys = new List<(string CallId, int Score, DateTimeOffset At)>();
        await using (var recorder = new SqliteCallRecorder(database, node: answeringNode))
        {
            for (var i = 0; i < plans.Count; i++)
            {
                var plan = plans[i];
                var id = $"stats-{Guid.NewGuid():N}";
                var at = lastStart.AddHours(-i);
                var seq = 0;
                recorder.CallStarted(new CallStart(id, "13800000000", "12333", flowVersion, "main", at));
                recorder.Append(new CallEvent(id, ++seq, at, CallEventKind.CallStarted, flowVersion));
                foreach (var node in plan.Nodes)
                {
                    at = at.AddSeconds(5);
                    recorder.Append(new CallEvent(id, ++seq, at, CallEventKind.NodeEntered, flowVersion, node));
                    if (plan.Served && node == plan.Nodes[^1])
                    {
                        recorder.Append(new CallEvent(id, ++seq, at.AddSeconds(1), CallEventKind.LookupCompleted, flowVersion, node, "ok", "pension.lookup"));
                    }
                }

                var end = lastStart.AddHours(-i).AddMinutes(1);
                recorder.Append(new CallEvent(id, ++seq, end, CallEventKind.CallEnded, flowVersion, plan.Nodes[^1], plan.Disposition));
                recorder.CallEnded(id, end, plan.Disposition);
                if (plan.SurveyScore is { } score)
                {
                    surveys.Add((id, score, end));
                }
            }
        }

        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        foreach (var (callId, score, at) in surveys)
        {
            await new SurveyRepository(connection).InsertAsync(callId, score, at, CancellationToken.None);
        }
    }
}
