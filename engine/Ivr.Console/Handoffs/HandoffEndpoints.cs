using Ivr.Core.Handoffs;
using Ivr.Data.Handoffs;
using Ivr.OperationsConsole.Api;
using Ivr.OperationsConsole.Security;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Handoffs;

/// <summary>
/// What the agent desktop reads with a token it received in SIP (issue 16): <c>GET /api/transfer-contexts/{token}</c>
/// (a transfer's context, masked values) and <c>GET /api/assist-results/{token}</c> (an IVR-assisted verification's
/// result, with the clear resident ID — the only place it leaves the IVR). Agent role (supervisors and admins too);
/// each token answers once, for 10 minutes; reuse, expiry or an unknown token → 404. An assist result names its agent
/// (the user part of the return URI): another agent gets 403. Every answer is audited (target: the call, never the
/// token) and every refusal logged.
/// </summary>
internal static class HandoffEndpoints
{
    public const string TransferContextRead = "transfer_context_read";
    public const string AssistResultRead = "assist_result_read";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/transfer-contexts/{token}", (HttpContext http, string token, IvrDatabase database, TimeProvider time, AccessLog log, ConsoleServices services) =>
            ReadAsync(http, HandoffKinds.TransferContext, TransferContextRead, token, new HandoffTokenStore(database, time), log, services))
            .RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
        api.MapGet("/assist-results/{token}", (HttpContext http, string token, IvrDatabase database, TimeProvider time, AccessLog log, ConsoleServices services) =>
            ReadAsync(http, HandoffKinds.AssistResult, AssistResultRead, token, new HandoffTokenStore(database, time), log, services))
            .RequireRoles(ConsoleRole.Agent, ConsoleRole.Supervisor);
    }

    private static async Task<IResult> ReadAsync(
        HttpContext http, string kind, string action, string token, HandoffTokenStore store, AccessLog log, ConsoleServices services)
    {
        var user = http.User();
        var shown = HandoffTokenStore.IsWellFormed(token) ? token[..6] + "…" : "(malformed)";
        var found = HandoffTokenStore.IsWellFormed(token) ? await store.FindAsync(kind, token, http.RequestAborted) : null;
        if (found is not null && !IsFor(user, found.Handoff))
        {
            await log.WriteAsync(http, action, $"call:{found.Handoff.CallId}", "forbidden", $"for {found.Handoff.Agent}");
            services.Log($"console: {user.Name} asked for the {kind} of call {found.Handoff.CallId}, meant for {found.Handoff.Agent} (403)");
            return ApiError.Forbidden();
        }

        if (found is null || !await store.TakeAsync(kind, token, http.RequestAborted))
        {
            await log.WriteAsync(http, action, $"token:{shown}", "not_found");
            services.Log($"console: {user.Name} asked for {kind} token {shown}: used, expired or unknown (404)");
            return ApiError.NotFound();
        }

        var call = found.Handoff.CallId;
        await log.WriteAsync(http, action, $"call:{call}", "ok");
        return Results.Ok(new { kind, callId = call, agent = found.Handoff.Agent, issuedAt = found.IssuedAt, values = found.Handoff.Values });
    }

    /// <summary>A handoff naming an agent is for that agent (by console user name) or a supervisor/admin; others are for any agent.</summary>
    private static bool IsFor(Ivr.Data.Accounts.ConsoleUser user, Handoff handoff) =>
        handoff.Agent is null || user.Role != ConsoleRole.Agent || string.Equals(user.Name, handoff.Agent, StringComparison.OrdinalIgnoreCase);
}
