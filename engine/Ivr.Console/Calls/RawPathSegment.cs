using Microsoft.AspNetCore.Http.Features;

namespace Ivr.OperationsConsole.Calls;

/// <summary>
/// A path segment exactly as the client encoded it, decoded once. Routing sees Kestrel's path, in which
/// <c>%2F</c> stays encoded while <c>%25</c> is already decoded, so a route value cannot tell the Call-ID
/// <c>a/b</c> (sent as <c>a%2Fb</c>) from <c>a%2Fb</c> (sent as <c>a%252Fb</c>); the raw request target can.
/// </summary>
internal static class RawPathSegment
{
    /// <param name="index">0 for the first segment after the leading <c>/</c>.</param>
    /// <returns>The decoded segment, or null when the target has fewer segments.</returns>
    public static string? Of(HttpContext http, int index)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "";
        var end = target.IndexOfAny(['?', '#']);
        var path = end < 0 ? target : target[..end];
        if (!path.StartsWith('/') && Uri.TryCreate(path, UriKind.Absolute, out var absolute)) path = absolute.AbsolutePath;
        var segments = path.Split('/');
        return index + 1 < segments.Length ? Uri.UnescapeDataString(segments[index + 1]) : null;
    }
}
