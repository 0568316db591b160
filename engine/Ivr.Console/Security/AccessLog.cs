using Ivr.Data;
using Ivr.Data.Accounts;
using Microsoft.AspNetCore.Http;

namespace Ivr.OperationsConsole.Security;

/// <summary>
/// Writes the console's access log: who, when, from where, what and how it ended. Targets name
/// records by id (<c>call:ID</c>, <c>message:3</c>) or a request's path — never its query string,
/// which may hold a searched phone number.
/// </summary>
internal sealed class AccessLog(IvrDatabase database, TimeProvider time, Action<string> log)
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

    public Task WriteAsync(HttpContext context, string action, string target, string outcome, string? detail = null, string? user = null)
        => WriteAsync(user ?? context.Session()?.User.Name, context.ClientIp(), action, target, outcome, detail, context.RequestAborted);

    public Task RefusedAsync(HttpContext context, string outcome, string? user = null)
        => WriteAsync(context, Refused, $"{context.Request.Method} {context.Request.Path}", outcome, user: user);

    public async Task WriteAsync(string? user, string ip, string action, string target, string outcome, string? detail, CancellationToken cancellation)
    {
        var entry = new AccessLogEntry(0, time.GetUtcNow(), user, ip, action, target, outcome, detail);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await new AccessLogRepository(connection).AppendAsync(entry, CancellationToken.None);
        if (action == Refused) log($"console: refused {target} for {user ?? "(not signed in)"} from {ip}: {outcome}");
    }
}
