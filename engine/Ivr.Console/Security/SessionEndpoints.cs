using Ivr.OperationsConsole.Api;
using Microsoft.AspNetCore.Routing;

namespace Ivr.OperationsConsole.Security;

/// <summary><c>/api/session</c>: sign in (POST), who am I and the CSRF token (GET), sign out (DELETE).</summary>
internal static class SessionEndpoints
{
    public sealed record SignInRequest(string? User, string? Password);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/session", SignInAsync);
        api.MapGet("/session", (HttpContext http, SessionService sessions) => Results.Ok(View(http.RequiredSession(), sessions)));
        api.MapDelete("/session", async (HttpContext http, SessionService sessions, AccessLog accessLog) =>
        {
            var session = http.RequiredSession();
            await sessions.SignOutAsync(session, http.RequestAborted);
            http.Response.Cookies.Delete(SessionMiddleware.CookieName, SessionMiddleware.CookieOptions(http.Request));
            await accessLog.WriteAsync(http, AccessLog.SignOut, $"user:{session.User.Name}", "ok");
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SignInAsync(HttpContext http, SessionService sessions, AccessLog accessLog)
    {
        if (!http.Request.HasJsonContentType()) return ApiError.BadRequest("send the sign-in as application/json");
        SignInRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<SignInRequest>(http.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return ApiError.BadRequest("the body is not valid JSON");
        }

        if (request is not { User: { Length: > 0 } name, Password: { Length: > 0 } password })
            return ApiError.BadRequest("user and password are required");
        if (name.Length > 64 || password.Length > PasswordHasher.MaxLength) return ApiError.InvalidCredentials();

        var result = await sessions.SignInAsync(name, password, http.ClientIp(), http.RequestAborted);
        var loggedName = UserNames.IsValid(name) ? name : "(invalid name)";
        switch (result.Outcome)
        {
            case SignInOutcome.TooManyAttempts:
                await accessLog.RefusedAsync(http, "too_many_attempts", loggedName);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiError.TooManyAttempts();
            case SignInOutcome.InvalidCredentials:
                await accessLog.RefusedAsync(http, "invalid_credentials", loggedName);
                return ApiError.InvalidCredentials();
        }

        // A browser-session cookie: the server alone decides when the session has expired (idle and absolute limits).
        http.Response.Cookies.Append(SessionMiddleware.CookieName, result.Token!, SessionMiddleware.CookieOptions(http.Request));
        await accessLog.WriteAsync(http, AccessLog.SignIn, $"user:{name}", "ok", user: name);
        return Results.Ok(View(result.Session!, sessions));
    }

    private static object View(ConsoleSession session, SessionService sessions) => new
    {
        user = session.User.Name,
        role = ConsoleRoles.ToText(session.User.Role),
        csrfToken = session.CsrfToken,
        expiresAt = sessions.IdleExpiry(session),
        absoluteExpiresAt = sessions.AbsoluteExpiry(session),
    };
}
