using System.Net;
using System.Text.Json;
using Ivr.Data.Security;
using Ivr.Data.Services;
using Ivr.OperationsConsole.Callers;
using Ivr.OperationsConsole.Cards;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Cards;

/// <summary>The PIN alert pager against a local HTTP receiver on loopback, on the fake clock: the alerts the real PIN
/// service raised (one number through one source locking two IDs) paged once each with the number masked and no ID; a
/// refused page tried again only once its delay has passed, then recorded paged; given up after the last try.</summary>
public sealed class PinAlertPagerTests : IAsyncLifetime
{
    private const string Caller = "13912345678";
    private static readonly string[] Ids = ["11010519491231002X", "330106198001010048"];
    private readonly HttpListener _receiver = new();
    private readonly List<string> _log = [];
    private readonly List<string> _bodies = [];
    private readonly Queue<int> _answers = new();
    private ConsoleTestServer _server = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _url = LoopbackWebhook.Start(_receiver);
        _ = Task.Run(ReceiveAsync);

        _server = await ConsoleTestServer.StartAsync();
        var service = new ServiceLookupService(_server.Database, _server.Time, pinHasher: new PinHasher(100));
        for (var i = 0; i < Ids.Length; i++)
            for (var wrong = 0; wrong < 3; wrong++)
                await service.ExecuteAsync("auth.verify_pin", new Dictionary<string, string>
                {
                    ["id"] = Ids[i], ["pin"] = "000000", ["call_id"] = $"call-{i}", ["caller"] = Caller, ["source"] = "198.51.100.7",
                }, CancellationToken.None);
    }

    [Fact]
    public async Task Paged_OncePerAlert_NumberMasked_NoId()
    {
        using var pager = Pager(tries: 3);

        await pager.PageDueAsync(CancellationToken.None);
        await pager.PageDueAsync(CancellationToken.None);

        Assert.Equal(2, Bodies().Count);
        var byCaller = Bodies().Select(b => JsonDocument.Parse(b).RootElement).Single(b => b.GetProperty("kind").GetString() == "caller");
        Assert.Equal(("pin_alert", "139*****678", 2, "call-1"), (byCaller.GetProperty("event").GetString(),
            byCaller.GetProperty("callerMasked").GetString(), byCaller.GetProperty("idsLocked").GetInt32(), byCaller.GetProperty("lastCallId").GetString()));
        var sent = string.Join("\n", Bodies());
        foreach (var secret in Ids.Append(Caller).Append("110105")) Assert.DoesNotContain(secret, sent);
        Assert.All(await AlarmsAsync(), a => Assert.Equal((PinAlarm.Paged, 1, (DateTimeOffset?)_server.Time.GetUtcNow()), (a.PageState, a.PageTries, a.PagedAt)));
        Assert.Equal(2, _log.Count(l => l.Contains("paged to http://127.0.0.1") && l.Contains("(try 1)")));
    }

    [Fact]
    public async Task Refused_TriedAgainAfterItsDelay_ThenPaged_OrGivenUpAfterTheLastTry()
    {
        using var pager = Pager(tries: 2);
        Answer(500, 500, 503);

        await pager.PageDueAsync(CancellationToken.None);
        Assert.All(await AlarmsAsync(), a => Assert.Equal((PinAlarm.Pending, 1), (a.PageState, a.PageTries)));
        _server.Time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        await pager.PageDueAsync(CancellationToken.None);
        Assert.Equal(2, Bodies().Count);

        _server.Time.Advance(TimeSpan.FromMilliseconds(1));
        await pager.PageDueAsync(CancellationToken.None);

        Assert.Equal(4, Bodies().Count);
        Assert.Equal([PinAlarm.GivenUp, PinAlarm.Paged], (await AlarmsAsync()).Select(a => a.PageState).Order());
        Assert.Contains(_log, l => l.Contains("failed (HTTP 503), try 2 of 2; given up"));
        _server.Time.Advance(TimeSpan.FromMinutes(10));
        await pager.PageDueAsync(CancellationToken.None);
        Assert.Equal(4, Bodies().Count);
    }

    [Fact]
    public async Task NoWebhook_NothingSent_AlertsStayPending()
    {
        using var pager = new PinAlertPager(_server.Database, AlertSettings.Default, _server.Time, Log);

        await pager.PageDueAsync(CancellationToken.None);

        Assert.Empty(Bodies());
        Assert.All(await AlarmsAsync(), a => Assert.Equal(PinAlarm.Pending, a.PageState));
    }

    private PinAlertPager Pager(int tries)
        => new(_server.Database, new AlertSettings(_url, TimeSpan.FromSeconds(10), tries, TimeSpan.FromSeconds(2)), _server.Time, Log);

    private async Task<IReadOnlyList<PinAlarm>> AlarmsAsync()
    {
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        return await new PinAlarmStore(connection).ListAsync(null, CancellationToken.None);
    }

    private void Answer(params int[] statuses)
    {
        lock (_answers) foreach (var status in statuses) _answers.Enqueue(status);
    }

    private List<string> Bodies()
    {
        lock (_bodies) return [.. _bodies];
    }

    private async Task ReceiveAsync()
    {
        while (_receiver.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _receiver.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                lock (_bodies) _bodies.Add(body);
            }

            lock (_answers) context.Response.StatusCode = _answers.TryDequeue(out var status) ? status : 204;
            context.Response.Close();
        }
    }

    private void Log(string line)
    {
        lock (_log) _log.Add(line);
    }

    public async Task DisposeAsync()
    {
        _receiver.Close();
        await _server.DisposeAsync();
    }
}
