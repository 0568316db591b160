namespace Ivr.OperationsConsole.Api;

/// <summary>Every refusal and failure the API sends: <c>{"error": CODE}</c>, and for bad input a message about the input — nothing else.</summary>
internal static class ApiError
{
    public static IResult Unauthenticated() => Json(StatusCodes.Status401Unauthorized, "unauthenticated");

    public static IResult InvalidCredentials() => Json(StatusCodes.Status401Unauthorized, "invalid_credentials");

    public static IResult Forbidden() => Json(StatusCodes.Status403Forbidden, "forbidden");

    public static IResult Csrf() => Json(StatusCodes.Status403Forbidden, "csrf");

    public static IResult NotFound() => Json(StatusCodes.Status404NotFound, "not_found");

    public static IResult Conflict(string? message = null) => Json(StatusCodes.Status409Conflict, "conflict", message);

    public static IResult BadRequest(string message) => Json(StatusCodes.Status400BadRequest, "bad_request", message);

    public static IResult Unavailable(string code) => Json(StatusCodes.Status503ServiceUnavailable, code);

    public static IResult TooManyAttempts() => Json(StatusCodes.Status429TooManyRequests, "too_many_attempts");

    private static IResult Json(int status, string code, string? message = null)
        => Results.Json(message is null ? new { error = code } : new { error = code, message }, statusCode: status);
}
