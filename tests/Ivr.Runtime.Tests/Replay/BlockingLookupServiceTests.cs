using Ivr.Core.Lookups;
using Ivr.Runtime.Replay;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Replay;

public sealed class BlockingLookupServiceTests
{
    private static readonly IReadOnlyDictionary<string, string> NoInputs = new Dictionary<string, string>();

    private sealed class AsyncBackend(Func<Task<LookupResult>> answer) : ILookupService
    {
        public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation) =>
            new(answer());
    }

    [Fact]
    public async Task Execute_SlowBackend_AnswersCompleted()
    {
        var blocking = new BlockingLookupService(new AsyncBackend(async () =>
        {
            await Task.Delay(20);
            return LookupResult.Of("locked");
        }));

        var answer = blocking.ExecuteAsync("card.status", NoInputs, default);

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal("locked", (await answer).Outcome);
    }

    [Fact]
    public async Task Execute_BackendFails_AnswersError()
    {
        var blocking = new BlockingLookupService(new AsyncBackend(() => Task.Run<LookupResult>(async () =>
        {
            await Task.Delay(50);
            throw new InvalidOperationException("database is locked");
        })));

        var answer = blocking.ExecuteAsync("card.status", NoInputs, default);

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal(LookupResult.Error, (await answer).Outcome);
    }

    [Fact]
    public async Task Execute_ImmediateAnswer_PassedThrough()
    {
        var backend = new ScriptedLookupService { Answer = LookupResult.Of(LookupResult.NotFound) };

        Assert.Equal(LookupResult.NotFound, (await new BlockingLookupService(backend).ExecuteAsync("person.find", NoInputs, default)).Outcome);
    }
}
