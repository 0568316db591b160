using Ivr.Data.FollowUps;
using Ivr.Data.Messages;
using Ivr.Data.Surveys;

namespace Ivr.Data.Tests.Services;

public abstract class CallerRequestOperationsTests : IDisposable
{
    private readonly ServiceFixture _f;

    protected CallerRequestOperationsTests(TestDatabase file) => _f = new ServiceFixture(file);

    [SkippableFact]
    public async Task VoiceMessageSave_MondayDueFiveWorkingDaysLater()
    {
        var result = await _f.RunAsync("voice_message.save", ("recording", "rec/call-1.wav"), ("callback_number", "13912345678"), ("reason", "pension"));

        Assert.Equal("ok", result.Outcome);
        Assert.Equal("2026-11-30", result.Outputs["due_date"]);
        var message = Assert.Single(await OpenMessages());
        Assert.Equal(("call-1", "rec/call-1.wav", "13912345678", "pension"), (message.CallId, message.Recording, message.CallbackNumber, message.Reason));
        Assert.Equal(VoiceMessageStatus.New, message.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), message.DueDate);
    }

    [SkippableFact]
    public async Task VoiceMessageSave_NoCallbackNumber_UsesCaller()
    {
        await _f.RunAsync("voice_message.save", ("recording", "rec/call-1.wav"), ("reason", "x"));

        Assert.Equal("13012345273", Assert.Single(await OpenMessages()).CallbackNumber);
    }

    [SkippableFact]
    public async Task VoiceMessageSave_InjectedCalendar_Used()
    {
        var service = new Ivr.Data.Services.ServiceLookupService(_f.Database, _f.Time, (from, days) => new(from.AddDays(days * 2), false));
        var inputs = new Dictionary<string, string> { ["recording"] = "r.wav", ["callback_number"] = "1", ["call_id"] = "c", ["caller"] = "1" };

        var result = await service.ExecuteAsync("voice_message.save", inputs, CancellationToken.None);

        Assert.Equal("2026-12-03", result.Outputs["due_date"]);
    }

    [SkippableFact]
    public async Task VoiceMessageSave_NoRecording_Error()
    {
        Assert.Equal("error", (await _f.RunAsync("voice_message.save", ("callback_number", "1"))).Outcome);
    }

    [SkippableFact]
    public async Task FollowUpCreate_Ok_DueDate()
    {
        var result = await _f.RunAsync("followup.create", ("reason", "transfer_failed"));

        Assert.Equal("2026-11-30", result.Outputs["due_date"]);
        Assert.Equal("transfer_failed", Assert.Single(await FollowUps()).Reason);
    }

    [SkippableTheory]
    [InlineData("1", 0)]
    [InlineData("2", 0)]
    [InlineData("3", 1)]
    public async Task SurveySave_DissatisfiedAlsoCreatesFollowUp(string score, int followUps)
    {
        var result = await _f.RunAsync("survey.save", ("score", score));

        Assert.Equal("ok", result.Outcome);
        using var connection = _f.Database.OpenConnection();
        Assert.Equal(int.Parse(score), Assert.Single(await new SurveyRepository(connection).ForCallAsync("call-1", CancellationToken.None)).Score);
        var created = await FollowUps();
        Assert.Equal(followUps, created.Count);
        Assert.All(created, f => Assert.Equal("dissatisfied", f.Reason));
    }

    [SkippableTheory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("")]
    public async Task SurveySave_BadScore_ErrorNothingSaved(string score)
    {
        Assert.Equal("error", (await _f.RunAsync("survey.save", ("score", score))).Outcome);
        using var connection = _f.Database.OpenConnection();
        Assert.Empty(await new SurveyRepository(connection).ForCallAsync("call-1", CancellationToken.None));
    }

    private async Task<IReadOnlyList<VoiceMessage>> OpenMessages()
    {
        using var connection = _f.Database.OpenConnection();
        return await new VoiceMessageRepository(connection).OpenAsync(10, CancellationToken.None);
    }

    private async Task<IReadOnlyList<FollowUp>> FollowUps()
    {
        using var connection = _f.Database.OpenConnection();
        return await new FollowUpRepository(connection).ForCallAsync("call-1", CancellationToken.None);
    }

    public void Dispose() => _f.Dispose();
}

public sealed class CallerRequestOperationsOnSqliteTests() : CallerRequestOperationsTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class CallerRequestOperationsOnPostgresTests(PostgresServer server) : CallerRequestOperationsTests(server.NewDatabase());
