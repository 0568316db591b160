using System.Net;
using System.Text.Json;
using Ivr.Data.Security;
using Ivr.Data.Services;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary><c>GET /api/pin-alerts</c> and <c>POST /api/pin-alerts/{id}/acknowledge</c>: the alerts the real PIN service
/// raised (one caller number, through one SIP source, locking two IDs) read back for supervisors and admins — number and
/// IDs masked, counts, first and last lock, open or acknowledged — and acknowledged once, audited, with CSRF; agents and
/// editors refused; no clear number or ID in any response or log line.</summary>
public sealed class PinAlertsApiTests : IAsyncLifetime
{
    private const string Caller = "13912345678";
    private const string Source = "198.51.100.7";
    private static readonly string[] Ids = ["11010519491231002X", "330106198001010048"];
    private readonly List<string> _serviceLog = [];
    private ConsoleTestServer _server = null!;
    private DateTimeOffset _first;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var service = new ServiceLookupService(_server.Database, _server.Time, pinHasher: new PinHasher(100), log: _serviceLog.Add);
        _first = _server.Time.GetUtcNow();
        for (var i = 0; i < Ids.Length; i++)
        {
            if (i > 0) _server.Time.Advance(TimeSpan.FromMinutes(7));
            for (var wrong = 0; wrong < 3; wrong++)
                await service.ExecuteAsync("auth.verify_pin", new Dictionary<string, string>
                {
                    ["id"] = Ids[i], ["pin"] = "000000", ["call_id"] = $"call-{i}", ["caller"] = Caller, ["source"] = Source,
                }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("supervisor")]
    [InlineData("admin")]
    public async Task Alerts_PerNumberAndPerSource_Masked(string user)
    {
        using var client = await _server.SignedInAsync(user);

        var alerts = (await client.GetJsonAsync("api/pin-alerts")).EnumerateArray().ToList();

        Assert.Equal(2, alerts.Count);
        var byCaller = alerts.Single(a => a.GetProperty("kind").GetString() == "caller");
        Assert.Equal("139*****678", byCaller.GetProperty("callerMasked").GetString());
        Assert.Equal(2, byCaller.GetProperty("idsLocked").GetInt32());
        Assert.Equal(["330106********0048", "110105********002X"], byCaller.GetProperty("idsMasked").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_first, byCaller.GetProperty("firstLockAt").GetDateTimeOffset());
        Assert.Equal(_server.Time.GetUtcNow(), byCaller.GetProperty("lastLockAt").GetDateTimeOffset());
        Assert.Equal("call-1", byCaller.GetProperty("lastCallId").GetString());
        var bySource = alerts.Single(a => a.GetProperty("kind").GetString() == "source");
        Assert.Equal((Source, 2), (bySource.GetProperty("source").GetString(), bySource.GetProperty("idsLocked").GetInt32()));
    }

    [Fact]
    public async Task Alerts_StayOpenPastTheWindow_UntilAcknowledged_ThenListedAsAcknowledged()
    {
        _server.Time.Advance(TimeSpan.FromDays(3));
        using var supervisor = await _server.SignedInAsync("supervisor");
        var open = (await supervisor.GetJsonAsync("api/pin-alerts?state=open")).EnumerateArray().ToList();
        Assert.Equal(2, open.Count);
        Assert.All(open, a => Assert.Equal(("open", "pending"), (a.GetProperty("state").GetString(), a.GetProperty("pageState").GetString())));
        var id = open.Single(a => a.GetProperty("kind").GetString() == "caller").GetProperty("id").GetInt64();

        var response = await supervisor.PostAsync($"api/pin-alerts/{id}/acknowledge", new { comment = "  号码已报运营商核查  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.Json(response);
        Assert.Equal(("acknowledged", "supervisor", "号码已报运营商核查", _server.Time.GetUtcNow()), (body.GetProperty("state").GetString(),
            body.GetProperty("acknowledgedBy").GetString(), body.GetProperty("comment").GetString(), body.GetProperty("acknowledgedAt").GetDateTimeOffset()));
        Assert.Equal("source", Assert.Single((await supervisor.GetJsonAsync("api/pin-alerts?state=open")).EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(id, Assert.Single((await supervisor.GetJsonAsync("api/pin-alerts?state=acknowledged")).EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(2, (await supervisor.GetJsonAsync("api/pin-alerts")).GetArrayLength());
        var entry = (await _server.AccessLogAsync()).Single(e => e.Action == "pin_alert_acknowledge");
        Assert.Equal(("supervisor", $"pin-alert:{id}", "ok", "号码已报运营商核查"), (entry.User, entry.Target, entry.Outcome, entry.Detail));
        Assert.Contains(_server.ServerLog, l => l.Contains($"supervisor acknowledged PIN alert #{id}"));
    }

    [Fact]
    public async Task Acknowledge_Twice_409_TheFirstStays_BothAudited()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        using var admin = await _server.SignedInAsync("admin");
        var id = (await supervisor.GetJsonAsync("api/pin-alerts")).EnumerateArray().First().GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"api/pin-alerts/{id}/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"api/pin-alerts/{id}/acknowledge", new { comment = "me too" })).StatusCode);

        var alert = (await admin.GetJsonAsync("api/pin-alerts?state=acknowledged")).EnumerateArray().Single();
        Assert.Equal(("supervisor", JsonValueKind.Null), (alert.GetProperty("acknowledgedBy").GetString(), alert.GetProperty("comment").ValueKind));
        Assert.Equal(["ok", "already_acknowledged"], (await _server.AccessLogAsync()).Where(e => e.Action == "pin_alert_acknowledge").Select(e => e.Outcome).Reverse());
    }

    [Fact]
    public async Task Acknowledge_Refused_WithoutCsrf_ToAgents_UnknownAlert_BadState_CommentWithANumber()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        using var agent = await _server.SignedInAsync("agent");
        var id = (await supervisor.GetJsonAsync("api/pin-alerts")).EnumerateArray().First().GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.SendAsync(HttpMethod.Post, $"api/pin-alerts/{id}/acknowledge", new { }, withCsrf: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"api/pin-alerts/{id}/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync("api/pin-alerts/99999/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/pin-alerts?state=closed")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsync($"api/pin-alerts/{id}/acknowledge", new { comment = "caller was 13912345678" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsync($"api/pin-alerts/{id}/acknowledge", new { comment = new string('a', 501) })).StatusCode);

        Assert.Equal(2, (await supervisor.GetJsonAsync("api/pin-alerts?state=open")).GetArrayLength());
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("editor")]
    public async Task Alerts_RefusedToAgentsAndEditors(string user)
    {
        using var client = await _server.SignedInAsync(user);

        var response = await client.GetAsync("api/pin-alerts");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Alerts_SignedOut_401()
    {
        using var anonymous = _server.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/pin-alerts")).StatusCode);
    }

    [Fact]
    public async Task NoClearNumberOrId_InTheApiOrTheLogs()
    {
        using var admin = await _server.SignedInAsync("admin");
        await admin.GetAsync("api/pin-alerts");
        await admin.GetAsync("api/pins/lockouts/history");

        var seen = _server.Log.BodiesAsText() + string.Join("\n", _server.ServerLog) + string.Join("\n", _serviceLog);

        Assert.Contains("pin alert: caller 139*****678 has locked 2 IDs within 24 h (latest in call call-1)", _serviceLog);
        Assert.Contains($"pin alert: source {Source} has locked 2 IDs within 24 h (latest in call call-1)", _serviceLog);
        Assert.Contains("110105********002X", seen);
        foreach (var secret in Ids.Append(Caller))
            Assert.DoesNotContain(secret, seen);
    }
}
