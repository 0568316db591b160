using System.Net;
using Ivr.Data.Security;
using Ivr.Data.Services;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary><c>GET /api/pin-alerts</c>: the locks of the real PIN service (one caller number, through one SIP source,
/// locking two IDs) read back for supervisors and admins — number and IDs masked, counts, first and last lock; agents
/// and editors refused; no clear number or ID in any response or log line.</summary>
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
    public async Task Alerts_LastWhileBothLocksAreWithin24Hours()
    {
        _server.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(7) - TimeSpan.FromSeconds(1));
        using (var supervisor = await _server.SignedInAsync("supervisor"))
            Assert.Equal(2, (await supervisor.GetJsonAsync("api/pin-alerts")).GetArrayLength());

        _server.Time.Advance(TimeSpan.FromSeconds(1));

        using var later = await _server.SignedInAsync("supervisor");
        Assert.Equal(0, (await later.GetJsonAsync("api/pin-alerts")).GetArrayLength());
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
