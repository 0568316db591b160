using Dapper;
using Ivr.Data.Audit;
using Ivr.Data.People;
using Ivr.Data.Security;
using static Ivr.Data.Tests.Services.ServiceFixture;

namespace Ivr.Data.Tests.Services;

public abstract class PinOperationsTests : IDisposable
{
    private readonly ServiceFixture _f;

    protected PinOperationsTests(TestDatabase file) => _f = new ServiceFixture(file);

    [SkippableFact]
    public async Task VerifyPin_Right_OkWithMaskedName()
    {
        var result = await _f.RunAsync("auth.verify_pin", ("id", RetireeId), ("pin", RetireePin));

        Assert.Equal("ok", result.Outcome);
        Assert.Equal("张**", result.Outputs["name_masked"]);
    }

    [SkippableFact]
    public async Task VerifyPin_KeypadStarForX_Accepted()
    {
        var result = await _f.RunAsync("auth.verify_pin", ("id", RetireeId[..^1] + "*"), ("pin", RetireePin));

        Assert.Equal("ok", result.Outcome);
    }

    [SkippableFact]
    public async Task VerifyPin_WrongPinAndUnknownId_SameOutcomeAndTries()
    {
        var wrong = await _f.RunAsync("auth.verify_pin", ("id", RetireeId), ("pin", "111111"));
        var unknown = await _f.RunAsync("auth.verify_pin", ("id", "110101200001010070"), ("pin", "111111"));

        Assert.Equal("denied", wrong.Outcome);
        Assert.Equal("denied", unknown.Outcome);
        Assert.Equal(wrong.Outputs, unknown.Outputs);
        Assert.Equal("2", wrong.Outputs["tries_left"]);
    }

    [SkippableFact]
    public async Task VerifyPin_ThreeWrong_LockedEvenWithRightPinThenAudited()
    {
        Assert.Equal("2", (await Wrong()).Outputs["tries_left"]);
        Assert.Equal("1", (await Wrong()).Outputs["tries_left"]);
        Assert.Equal("locked", (await Wrong()).Outcome);

        var right = await _f.RunAsync("auth.verify_pin", ("id", RetireeId), ("pin", RetireePin));

        Assert.Equal("locked", right.Outcome);
        var audit = await Audit();
        var lockout = Assert.Single(audit);
        Assert.Equal(AuditAction.Lockout, lockout.Action);
        Assert.Equal("110105********002X", lockout.SubjectMasked);
        Assert.Equal("call-1", lockout.CallId);
    }

    [SkippableFact]
    public async Task VerifyPin_UnknownId_LocksLikeAKnownOne()
    {
        const string unknown = "110101200001010070";
        for (var i = 0; i < 2; i++) await _f.RunAsync("auth.verify_pin", ("id", unknown), ("pin", "111111"));

        var third = await _f.RunAsync("auth.verify_pin", ("id", unknown), ("pin", "111111"));

        Assert.Equal("locked", third.Outcome);
    }

    [SkippableFact]
    public async Task Lockout_Lasts15Minutes_SurvivesNewServiceInstance()
    {
        for (var i = 0; i < 3; i++) await Wrong();
        _f.Time.Advance(TimeSpan.FromMinutes(14));
        var restarted = new Ivr.Data.Services.ServiceLookupService(_f.Reopen(), _f.Time, pinHasher: _f.Hasher, hashKey: _f.HashKey);
        var inputs = new Dictionary<string, string> { ["id"] = RetireeId, ["pin"] = RetireePin, ["call_id"] = "c2", ["caller"] = "1" };

        Assert.Equal("locked", (await restarted.ExecuteAsync("auth.verify_pin", inputs, CancellationToken.None)).Outcome);
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("ok", (await restarted.ExecuteAsync("auth.verify_pin", inputs, CancellationToken.None)).Outcome);
    }

    [SkippableFact]
    public async Task Failures_OlderThan24Hours_DoNotCount()
    {
        await Wrong();
        await Wrong();
        _f.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var third = await Wrong();

        Assert.Equal("denied", third.Outcome);
        Assert.Equal("2", third.Outputs["tries_left"]);
    }

    [SkippableFact]
    public async Task RightPin_ClearsEarlierFailures()
    {
        await Wrong();
        await Wrong();
        await _f.RunAsync("auth.verify_pin", ("id", RetireeId), ("pin", RetireePin));

        Assert.Equal("2", (await Wrong()).Outputs["tries_left"]);
    }

    [SkippableFact]
    public async Task ReportLoss_Ok_ThenAlreadyLost_BothAudited()
    {
        var first = await _f.RunAsync("card.report_loss", ("id", RetireeId), ("pin", RetireePin));
        var second = await _f.RunAsync("card.report_loss", ("id", RetireeId), ("pin", RetireePin));

        Assert.Equal("ok", first.Outcome);
        Assert.Matches("^20261123[0-9]{6}$", first.Outputs["reference"]);
        Assert.Equal("already_lost", second.Outcome);
        using var connection = _f.Database.OpenConnection();
        Assert.Equal("lost", connection.ExecuteScalar<string>("SELECT status FROM cards WHERE number = @n;", new { n = RetireeCard }));
        Assert.Equal(["already_lost", "ok"], (await Audit()).Where(a => a.Action == AuditAction.LossReport).Select(a => a.Outcome));
    }

    [SkippableFact]
    public async Task ReportLoss_WrongPin_DeniedCardStaysActive()
    {
        var result = await _f.RunAsync("card.report_loss", ("id", RetireeId), ("pin", "111111"));

        Assert.Equal("denied", result.Outcome);
        using var connection = _f.Database.OpenConnection();
        Assert.Equal("active", connection.ExecuteScalar<string>("SELECT status FROM cards WHERE number = @n;", new { n = RetireeCard }));
    }

    [SkippableFact]
    public async Task ChangePin_Ok_NewPinWorksOldDoesNotAuditHasNoPin()
    {
        var result = await _f.RunAsync("card.change_pin", ("id", WorkerId), ("old_pin", WorkerPin), ("new_pin", "270381"));

        Assert.Equal("ok", result.Outcome);
        Assert.Equal("ok", (await _f.RunAsync("auth.verify_pin", ("id", WorkerId), ("pin", "270381"))).Outcome);
        Assert.Equal("denied", (await _f.RunAsync("auth.verify_pin", ("id", WorkerId), ("pin", WorkerPin))).Outcome);
        using var connection = _f.Database.OpenConnection();
        var auditText = string.Join("|", connection.Query<string>("SELECT call_id || action || subject_masked || outcome FROM audit;"));
        Assert.Contains("pin_change", auditText);
        Assert.DoesNotContain("270381", auditText);
        Assert.DoesNotContain(WorkerPin, auditText);
        Assert.DoesNotContain(WorkerId, auditText);
    }

    [SkippableFact]
    public async Task ChangePin_NewHashUsesConfiguredCount()
    {
        await _f.RunAsync("card.change_pin", ("id", WorkerId), ("old_pin", WorkerPin), ("new_pin", "270381"));

        using var connection = _f.Database.OpenConnection();
        var person = await new PersonRepository(connection).FindAsync(WorkerId, CancellationToken.None);
        Assert.Equal(_f.Hasher.Iterations, PinHasher.IterationsOf(person!.PinHash));
    }

    [SkippableTheory]
    [InlineData("123456")]
    [InlineData("800101")]
    [InlineData("777777")]
    [InlineData("12345")]
    public async Task ChangePin_WeakNewPin_WeakAndUnchanged(string newPin)
    {
        var result = await _f.RunAsync("card.change_pin", ("id", WorkerId), ("old_pin", WorkerPin), ("new_pin", newPin));

        Assert.Equal("weak", result.Outcome);
        Assert.Equal("ok", (await _f.RunAsync("auth.verify_pin", ("id", WorkerId), ("pin", WorkerPin))).Outcome);
    }

    [SkippableFact]
    public async Task ChangePin_WrongOldPin_DeniedWithTriesLeft()
    {
        var result = await _f.RunAsync("card.change_pin", ("id", WorkerId), ("old_pin", "000001"), ("new_pin", "270381"));

        Assert.Equal("denied", result.Outcome);
        Assert.Equal("2", result.Outputs["tries_left"]);
    }

    private Task<Ivr.Core.Lookups.LookupResult> Wrong()
        => _f.RunAsync("auth.verify_pin", ("id", RetireeId), ("pin", "111111"));

    private async Task<IReadOnlyList<AuditEntry>> Audit()
    {
        using var connection = _f.Database.OpenConnection();
        return await new AuditRepository(connection).RecentAsync(100, CancellationToken.None);
    }

    public void Dispose() => _f.Dispose();
}

public sealed class PinOperationsOnSqliteTests() : PinOperationsTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinOperationsOnPostgresTests(PostgresServer server) : PinOperationsTests(server.NewDatabase());
