using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Callers;

/// <summary><c>/api/flags</c>: supervisors flag caller numbers (reason class, reason, optional expiry), masked and audited.</summary>
public sealed class FlagTests : IAsyncLifetime
{
    private const string Caller = "13912345678";
    private const string Masked = "139*****678";
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Supervisor_FlagsListsAndLifts_MaskedAndAudited()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var response = await supervisor.PostAsync("api/flags", new { number = Caller, reasonClass = "harassment", reason = "一天内反复来电骚扰", expiresAt = _server.Time.GetUtcNow().AddDays(30) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var flag = await ApiClient.Json(response);
        Assert.Equal((Masked, "harassment"), (flag.GetProperty("callerMasked").GetString(), flag.GetProperty("reasonClass").GetString()));
        var id = flag.GetProperty("id").GetInt64();
        Assert.Equal(id, (await supervisor.GetJsonAsync("api/flags")).EnumerateArray().Single().GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.SendAsync(HttpMethod.Delete, $"api/flags/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.SendAsync(HttpMethod.Delete, $"api/flags/{id}")).StatusCode);
        Assert.Equal(0, (await supervisor.GetJsonAsync("api/flags")).GetArrayLength());
        var log = await _server.AccessLogAsync();
        Assert.Equal(("supervisor", $"caller:{Masked}", "harassment"), log.Where(e => e.Action == "caller_flag_add").Select(e => (e.User, e.Target, e.Detail)).Single());
        Assert.Equal($"caller:{Masked}", log.Single(e => e.Action == "caller_flag_remove").Target);
        Assert.DoesNotContain(Caller, _server.Log.BodiesAsText() + string.Join("\n", log.Select(e => $"{e.Target} {e.Detail}")) + string.Join("\n", _server.ServerLog));
    }

    [Theory]
    [InlineData("1391234567", "harassment", "r")]     // 10 digits from 1
    [InlineData("139123456789", "harassment", "r")]   // 12 digits
    [InlineData("12333", "harassment", "r")]
    [InlineData("1391234567x", "harassment", "r")]
    [InlineData(Caller, "rude", "r")]                  // unknown reason class
    [InlineData(Caller, "abuse", "")]                  // no reason
    public async Task Flag_InvalidNumberOrReason_400_NothingStored(string number, string reasonClass, string reason)
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var response = await supervisor.PostAsync("api/flags", new { number, reasonClass, reason });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await supervisor.GetJsonAsync("api/flags")).GetArrayLength());
    }

    [Fact]
    public async Task Flag_ExpiryInThePast_400()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var response = await supervisor.PostAsync("api/flags", new { number = Caller, reasonClass = "abuse", reason = "x", expiresAt = _server.Time.GetUtcNow().AddMinutes(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Agent_CannotFlag_403()
    {
        using var agent = await _server.SignedInAsync("agent");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync("api/flags", new { number = Caller, reasonClass = "abuse", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/flags")).StatusCode);
    }
}
