using System.Net.Http.Json;

namespace Ivr.OperationsConsole.Callers;

/// <summary>
/// One try of a page: POSTs a JSON body to the webhook within a timeout on the given clock. What went wrong comes back
/// as a short text (<c>HTTP 500</c>, <c>no answer within 5 s</c>, an exception's type name), null when the webhook
/// answered 2xx; it never throws. Retries are the caller's: <see cref="WebhookPager"/> in memory, the PIN alert pager
/// through its outbox rows.
/// </summary>
public sealed class WebhookPost(TimeProvider time, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = new(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <returns>Null when delivered, else why not.</returns>
    public async Task<string?> TryAsync(Uri webhook, object body, TimeSpan timeout, CancellationToken cancellation = default)
    {
        try
        {
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellation);
            using var answer = await _http.PostAsJsonAsync(webhook, body, linked.Token).ConfigureAwait(false);
            return answer.IsSuccessStatusCode ? null : $"HTTP {(int)answer.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0.###} s";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return ex.GetType().Name;
        }
    }

    /// <summary>The webhook as logs show it: without its query, which may hold a key.</summary>
    public static string Shown(Uri webhook) => webhook.GetLeftPart(UriPartial.Path);

    public void Dispose() => _http.Dispose();
}
