namespace Ivr.OperationsConsole.Security;

/// <summary>The signed-in session of a request, put there by <see cref="SessionMiddleware"/>, and the client's address.</summary>
internal static class RequestContext
{
    private const string SessionKey = "ivr.console.session";

    public static void SetSession(this HttpContext context, ConsoleSession session) => context.Items[SessionKey] = session;

    public static ConsoleSession? Session(this HttpContext context) => context.Items[SessionKey] as ConsoleSession;

    /// <summary>The session; only for endpoints behind the middleware, where there always is one.</summary>
    public static ConsoleSession RequiredSession(this HttpContext context)
        => context.Session() ?? throw new InvalidOperationException("No session: the endpoint is not behind the session middleware.");

    public static ConsoleUser User(this HttpContext context) => context.RequiredSession().User;

    public static string ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
