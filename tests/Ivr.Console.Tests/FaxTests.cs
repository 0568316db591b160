using System.Net;
using Dapper;
using Ivr.Data.Fax;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

public sealed class FaxTests : IAsyncLifetime
{
    private const string Number = "13812345678";
    private ConsoleTestServer _server = null!;
    private long _failed;
    private long _sent;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync(withFaxes: true);
        var now = _server.Time.GetUtcNow();
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        var jobs = new FaxJobRepository(connection);
        _failed = await jobs.InsertAsync("call-f", "pension_policy", Number, now.AddHours(-2), 3, now.AddHours(-3), CancellationToken.None);
        _sent = await jobs.InsertAsync("call-g", "card_guide", Number, now.AddHours(-2), 3, now.AddHours(-3), CancellationToken.None);
        await connection.ExecuteAsync("UPDATE fax_jobs SET status = 'failed', attempts = 3, last_outcome = 'busy' WHERE id = @id;", new { id = _failed });
        await connection.ExecuteAsync("UPDATE fax_jobs SET status = 'sent', attempts = 1 WHERE id = @id;", new { id = _sent });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Jobs_AreListedMasked_AndAFailedOneIsRetriedNow_Logged()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var list = await supervisor.GetAsync("api/faxes");
        var body = await list.Content.ReadAsStringAsync();
        var retry = await supervisor.PostAsync($"api/faxes/{_failed}/retry");
        var notAgain = await supervisor.PostAsync($"api/faxes/{_sent}/retry");

        Assert.DoesNotContain(Number, body);
        var jobs = (await ApiClient.Json(list)).EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("138*****678", j.GetProperty("numberMasked").GetString()));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal("queued", (await ApiClient.Json(retry)).GetProperty("status").GetString());
        Assert.Equal("sent", (await ApiClient.Json(notAgain)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync("api/faxes/999/retry")).StatusCode);
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        var job = await new FaxJobRepository(connection).GetAsync(_failed, CancellationToken.None);
        Assert.Equal(FaxJobStatus.Queued, job!.Status);
        Assert.Equal(4, job.MaxAttempts);
        Assert.Contains(job, await new FaxJobRepository(connection).DueAsync(_server.Time.GetUtcNow(), 10, CancellationToken.None));
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "fax_retry", User: "supervisor" } && e.Target == $"fax:{_failed}");
    }

    [Fact]
    public async Task WithoutTheFaxService_BothAnswer503()
    {
        await using var bare = await ConsoleTestServer.StartAsync();
        using var supervisor = await bare.SignedInAsync("supervisor");
        var list = await supervisor.GetAsync("api/faxes");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.Equal("{\"error\":\"fax_service_not_installed\"}", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await supervisor.PostAsync("api/faxes/1/retry")).StatusCode);
    }
}
