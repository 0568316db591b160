using System.Net;
using System.Text.Json;
using Ivr.Data.Messages;
using Ivr.OperationsConsole.Callers;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Callers;

/// <summary>
/// Issue 16 item 4 end to end in the console: a supervisor's emergency mark reaches the webhook of deploy/alerts.yaml
/// — the console with the real <see cref="WebhookPager"/>, a local HTTP receiver on loopback — once, without the caller's
/// number, while the banner lists the message.
/// </summary>
public sealed class EmergencyWebhookTests : IAsyncLifetime
{
    private const string Caller = "13912345678";
    private readonly HttpListener _receiver = new();
    private readonly List<string> _log = [];
    private WebhookPager _pager = null!;
    private ConsoleTestServer _server = null!;
    private long _message;

    public async Task InitializeAsync()
    {
        var url = LoopbackWebhook.Start(_receiver);
        _pager = new WebhookPager(new AlertSettings(url, TimeSpan.FromSeconds(10), 2, TimeSpan.FromMilliseconds(50)), Log, TimeProvider.System);
        _server = await ConsoleTestServer.StartAsync(pager: _pager);
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        _message = await new VoiceMessageRepository(connection).InsertAsync("call-5", "call-5.wav", Caller, "complaint_misconduct",
            _server.Time.GetUtcNow(), new DateOnly(2026, 11, 30), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _pager.Dispose();
        _receiver.Close();
    }

    [Fact]
    public async Task SupervisorMarksEmergency_TheLocalReceiverGetsOnePage_WithoutTheCallerNumber_BannerListsIt()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        var receiving = Task.Run(async () =>
        {
            var context = await _receiver.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            return (context.Request.HttpMethod, context.Request.ContentType, body);
        });

        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"api/messages/{_message}/emergency")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"api/messages/{_message}/emergency")).StatusCode);
        var (method, contentType, body) = await receiving.WaitAsync(TimeSpan.FromSeconds(30));
        await _pager.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("POST", method);
        Assert.StartsWith("application/json", contentType);
        var page = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("emergency_message", _message, "call-5", "supervisor"),
            (page.GetProperty("event").GetString(), page.GetProperty("messageId").GetInt64(), page.GetProperty("callId").GetString(), page.GetProperty("markedBy").GetString()));
        Assert.DoesNotContain(Caller, body);
        Assert.DoesNotContain("139*****678", body);
        lock (_log) Assert.Single(_log, l => l.Contains($"emergency message #{_message} paged to"));
        Assert.Equal(_message, (await supervisor.GetJsonAsync("api/emergencies")).EnumerateArray().Single().GetProperty("id").GetInt64());
    }

    private void Log(string line)
    {
        lock (_log) _log.Add(line);
    }
}
