using System.Globalization;

namespace Ivr.OperationsConsole.Security;

/// <summary>
/// Writes the console's access log: who, when, from where, what and how it ended. Targets name
/// records by id (<c>call:ID</c>, <c>message:3</c>) or a request's path — never its query string,
/// which may hold a searched phone number. Refusals go through a <see cref="RefusalDigest"/>: beyond
/// the first few of each address, reason and signed-in user in a minute they are counted, and each minute's
/// counts are written as one row per address, reason and user (target <see cref="AggregatedTarget"/>) once the minute ends.
/// </summary>
internal sealed class AccessLog : IDisposable
{
    public const string SignIn = "sign_in";
    public const string SignOut = "sign_out";
    public const string Refused = "refused";
    public const string RecordingView = "recording_view";
    public const string ExportScript = "export_script";
    public const string ExportCsv = "export_csv";
    public const string UserCreate = "user_create";
    public const string UserChange = "user_change";
    public const string MessageAssign = "message_assign";
    public const string MessageCalledBack = "message_called_back";
    public const string FollowUpAssign = "follow_up_assign";
    public const string FollowUpDone = "follow_up_done";
    public const string FaxRetry = "fax_retry";
    public const string ServerDrain = "server_drain";

    public const string PinUnlock = "pin_unlock";
    public const string AggregatedTarget = "(refusals counted)";

    private readonly IvrDatabase _database;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly RefusalDigest _refusals;
    private readonly ITimer _flushTimer;
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public AccessLog(IvrDatabase database, TimeProvider time, Action<string> log, int refusalsLoggedPerMinute = 5)
    {
        _database = database;
        _time = time;
        _log = log;
        _refusals = new RefusalDigest(time, refusalsLoggedPerMinute);
        _flushTimer = time.CreateTimer(_ => _ = FlushRefusalsAsync(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public Task WriteAsync(HttpContext context, string action, string target, string outcome, string? detail = null, string? user = null)
        => WriteAsync(user ?? context.Session()?.User.Name, context.ClientIp(), action, target, outcome, detail, context.RequestAborted);

    public async Task RefusedAsync(HttpContext context, string outcome, string? user = null)
    {
        if (_refusals.Admit(context.ClientIp(), outcome, context.Session()?.User.Name))
            await WriteAsync(context, Refused, $"{context.Request.Method} {context.Request.Path}", outcome, user: user);
        await FlushRefusalsAsync();
    }

    public async Task WriteAsync(string? user, string ip, string action, string target, string outcome, string? detail, CancellationToken cancellation)
    {
        var entry = new AccessLogEntry(0, _time.GetUtcNow(), user, ip, action, target, outcome, detail);
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
        await new AccessLogRepository(connection).AppendAsync(entry, CancellationToken.None);
        if (action == Refused && target != AggregatedTarget) _log($"console: refused {target} for {user ?? "(not signed in)"} from {ip}: {outcome}");
    }

    /// <summary>Writes the counts of refusals of the minutes that have ended (the timer does it every minute).</summary>
    public async Task FlushRefusalsAsync()
    {
        var ended = _refusals.TakeEnded();
        if (ended.Count == 0) return;
        await _flushing.WaitAsync();
        try
        {
            foreach (var count in ended)
            {
                var minute = count.Minute.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture);
                var detail = $"{count.Count} more refused in the minute from {minute}";
                await WriteAsync(count.User, count.Ip, Refused, AggregatedTarget, count.Outcome, detail, CancellationToken.None);
                _log($"console: {count.Count} more requests from {count.Ip} refused ({count.Outcome}) in the minute from {minute}");
            }
        }
        catch (Exception e)
        {
            _log($"console: could not write the counts of refused requests: {e.Message}");
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Stops the timer; counts of the minute still running are not written.</summary>
    public void Dispose() => _flushTimer.Dispose();
}
