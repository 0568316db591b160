namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>Keeps every response (headers and body) the test clients of one server received, so a test can scan them all.</summary>
internal sealed class ResponseLog
{
    private readonly List<(string Request, string Body)> _bodies = [];

    public IReadOnlyList<(string Request, string Body)> Bodies
    {
        get
        {
            lock (_bodies) return _bodies.ToList();
        }
    }

    /// <summary>A handler for one client that copies its responses here.</summary>
    public DelegatingHandler Handler(HttpMessageHandler inner) => new Recording(this) { InnerHandler = inner };

    private void Add(string request, string body)
    {
        lock (_bodies) _bodies.Add((request, body));
    }

    private sealed class Recording(ResponseLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream") return response;
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            log.Add($"{request.Method} {request.RequestUri}", $"{response.Headers}{response.Content.Headers}\n{body}");
            return response;
        }
    }
}
