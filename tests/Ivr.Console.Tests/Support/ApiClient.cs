using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>A browser-like client of the console: its own cookie jar, the CSRF token from sign-in sent on every change.</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="from">The loopback address to connect from (127.0.0.2, 127.0.0.3 …), so a test can play several clients; default the system's choice.</param>
    public ApiClient(Uri address, ResponseLog? log = null, IPAddress? from = null)
    {
        Cookies = new CookieContainer();
        var sockets = new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false };
        if (from is not null) sockets.ConnectCallback = (context, cancellation) => ConnectFromAsync(from, context.DnsEndPoint, cancellation);
        HttpMessageHandler handler = sockets;
        if (log is not null) handler = log.Handler(handler);

        _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; }

    public string? CsrfToken { get; set; }

    public async Task<HttpResponseMessage> SignInAsync(string user, string password)
    {
        var response = await _http.PostAsJsonAsync("api/session", new { user, password });
        if (response.IsSuccessStatusCode) CsrfToken = (await Json(response)).GetProperty("csrfToken").GetString();
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? tweak = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        tweak?.Invoke(request);
        return _http.SendAsync(request);
    }

    /// <summary>Returns once the headers are in, the body left to read as it comes (Server-Sent Events).</summary>
    public Task<HttpResponseMessage> StreamAsync(string path, CancellationToken cancellation)
        => _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, cancellation);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? csrf = null, bool withCsrf = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        var token = csrf ?? (withCsrf ? CsrfToken : null);
        if (token is not null) request.Headers.Add("X-CSRF-Token", token);
        return _http.SendAsync(request);
    }

    /// <summary>Sends a request made by the test (raw bodies), with the CSRF token.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request)
    {
        if (CsrfToken is not null) request.Headers.Add("X-CSRF-Token", CsrfToken);
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    /// <summary>Sends <paramref name="content"/> as it is (an upload), with the CSRF token.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (CsrfToken is not null) request.Headers.Add("X-CSRF-Token", CsrfToken);
        return _http.SendAsync(request);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Json(response);
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress from, DnsEndPoint to, CancellationToken cancellation)
    {
        var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(to, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
