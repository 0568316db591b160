using Ivr.Core.Privacy;
using Ivr.Data.Audit;
using Ivr.Data.Cards;
using Ivr.Data.Messages;
using Ivr.Data.Security;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>Seeds clear identifiers everywhere the console reads, visits every page's data as admin, and scans every response.</summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private static readonly HashKey Key = HashKey.Generate();

    private const string Caller = "13012345273";
    private const string Callback = "13987654321";
    private const string ResidentId = "11010519491231002X";
    private const string LostCard = "100000000002";
    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var seeder = new CallSeeder(_server);
        var now = _server.Time.GetUtcNow();
        seeder.Call("p-1", Caller, now.AddMinutes(-30), "abandoned", CallSeeder.Entered("main.main_menu"),
            (Ivr.Core.Calls.CallEventKind.DigitsReceived, "identify.id", null, Mask.ResidentId(ResidentId)));
        _server.Live.CallStarted(new Ivr.Core.Calls.CallStart("p-live", Caller, "12333", CallSeeder.Version, "main", now));
        seeder.Flush();
        Ivr.Data.Seeding.DemoSeeder.Seed(_server.Database.Path, people: 0, seed: 12333);
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        await new VoiceMessageRepository(connection).InsertAsync("p-1", "p-1-1.wav", Callback, "r", now, new DateOnly(2026, 11, 30), CancellationToken.None);
        await new PinLockStore(connection).LockAsync(ResidentId, now.AddHours(1), CancellationToken.None);
        foreach (var (id, at) in new[] { (ResidentId, now.AddMinutes(-20)), (Ivr.Data.Seeding.DemoSeeder.DemoIdentities.First(d => d.Id != ResidentId).Id, now) })
            await new PinLockOriginStore(connection).AddAsync(PinLockOrigin.Of(Key, at, "p-1", Caller, "198.51.100.7", id), CancellationToken.None);
        await new PinAlarmStore(connection).RaiseAsync(new PinAlarm(0, PinAlarm.ByCaller, PinCallerKey.Of(Key, Caller), Mask.Phone(Caller), null, now,
            now.AddMinutes(-20), now, 2, "p-1", PinAlarm.Pending, 0, null, null, null, null), CancellationToken.None);
        await new CardRepository(connection).MarkLostAsync(LostCard, now, "GS2026112300001", CancellationToken.None);
        await new AuditRepository(connection).AppendAsync(new AuditEntry("p-1", now, AuditAction.LossReport, Mask.ResidentId(ResidentId), "reported"), CancellationToken.None);
        await new AuditRepository(connection).AppendAsync(new AuditEntry("p-1", now, AuditAction.Lockout, Mask.ResidentId(ResidentId), "locked"), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoResponse_HoldsANumberIdCardOrPinInClear()
    {
        using var admin = await _server.SignedInAsync("admin");
        string[] paths =
        [
            "api/session", "api/live", "api/stats", "api/flows", "api/flows/versions", "api/flows/validation", "api/calls",
            "api/calls/p-1", "api/calls/p-1/script", "api/calls/export.csv", $"api/calls?number={Caller}", "api/messages?status=all",
            "api/follow-ups?status=all", "api/cards/loss-reports", "api/pins/lockouts", "api/pins/lockouts/history", "api/pin-alerts", "api/users", "api/access-log",
            "api/faxes",
        ];
        foreach (var path in paths) await admin.GetAsync(path);
        await admin.PostAsync("api/messages/1/assign", new { user = "agent" });
        var accessLog = await admin.GetAsync("api/access-log");

        var secrets = new[] { Caller, Callback, ResidentId, LostCard }.Concat(Ivr.Data.Seeding.DemoSeeder.DemoIdentities.SelectMany(d => new[] { d.Id, d.Pin, d.CardNumber, d.Serial }));
        var bodies = _server.Log.Bodies;
        Assert.True(bodies.Count >= paths.Length + 2);
        foreach (var (request, body) in bodies)
            foreach (var secret in secrets)
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{request} shows {Mask.Secret(secret)} in clear");
        var found = await admin.GetJsonAsync($"api/calls?number={Caller}");
        Assert.Equal(2, found.GetArrayLength()); // the finished call and the one still live
        Assert.All(found.EnumerateArray(), c => Assert.Equal("130*****273", c.GetProperty("callerMasked").GetString()));
        Assert.Contains("110105********002X", await (await admin.GetAsync("api/pins/lockouts")).Content.ReadAsStringAsync());
        Assert.Contains("130*****273", await (await admin.GetAsync("api/pin-alerts")).Content.ReadAsStringAsync());
    }
}
