using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>
/// <c>GET /api/calendar/horizon</c> (issue 15, item 7), the banner every console page shows editors, supervisors and admins: on
/// the test clock (2026-11-23, 2027 begins in 39 days) the shipped calendar, which lists 2026 only, misses 2027; agents are refused.
/// </summary>
public sealed class CalendarHorizonApiTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ConsoleTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("editor")]
    [InlineData("supervisor")]
    [InlineData("admin")]
    public async Task EditorsSupervisorsAdmins_AreToldThat2027IsMissing(string role)
    {
        using var client = await _server.SignedInAsync(role);

        var horizon = await client.GetJsonAsync("api/calendar/horizon");

        Assert.Equal([2027], horizon.GetProperty("missingYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Contains("2027, which starts in 39 days", Assert.Single(horizon.GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Agents_AreRefused()
    {
        using var agent = await _server.SignedInAsync("agent");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/calendar/horizon")).StatusCode);
    }
}
