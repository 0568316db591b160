using Ivr.OperationsConsole.Api;

namespace Ivr.OperationsConsole.Security;

/// <summary>
/// Guards <c>/api/</c>: a request without a live session gets 401; a state-changing request
/// (anything but GET, HEAD, OPTIONS) without the session's CSRF token in <see cref="CsrfHeader"/>
/// gets 403. Signing in is the one exception to both. Every refusal is logged.
/// </summary>
internal sealed class SessionMiddleware(RequestDelegate next, SessionService sessions, AccessLog accessLog)
{
    public const string CookieName = "ivr_session";
    public const string CsrfHeader = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        if (IsSignIn(context.Request))
        {
            await next(context);
            return;
        }

        var session = await sessions.ResumeAsync(context.Request.Cookies[CookieName], context.RequestAborted);
        if (session is null)
        {
            if (context.Request.Cookies.ContainsKey(CookieName)) context.Response.Cookies.Delete(CookieName, CookieOptions(context.Request));
            await accessLog.RefusedAsync(context, "unauthenticated");
            await ApiError.Unauthenticated().ExecuteAsync(context);
            return;
        }

        context.SetSession(session);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && !SessionTokens.FixedTimeEquals(context.Request.Headers[CsrfHeader].ToString(), session.CsrfToken))
        {
            await accessLog.RefusedAsync(context, "csrf");
            await ApiError.Csrf().ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    public static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    private static bool IsSignIn(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/session");
}
