using System.Text;
using Ivr.Data.FlowSets;

namespace Ivr.Data.Tests.FlowSets;

public abstract class PublishedFlowSetStoreTests(TestDatabase file) : IDisposable
{
    protected static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly FlowSetFile Routes = new("flows/routes.yaml", Encoding.UTF8.GetBytes("routes: { \"12333\": main }\n"));
    private static readonly FlowSetFile Audio = new("prompts/welcome.wav", [0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0x80, 0x7f]);

    [SkippableFact]
    public async Task Publish_NewSet_ActiveWithItsFilesByteForByte()
    {
        var store = new PublishedFlowSetStore(file.Open());
        Assert.Null(await store.ActiveAsync(default));

        var outcome = await store.PublishAsync("v1", [Routes, Audio], "editor", At, default);

        Assert.Equal(new PublishOutcome("v1", NewVersion: true, NewBlobs: 2, WasActive: false), outcome);
        Assert.Equal("v1", await store.ActiveAsync(default));
        var files = await store.FilesAsync("v1", default);
        Assert.Equal(["flows/routes.yaml", "prompts/welcome.wav"], files.Select(f => f.Path));
        Assert.Equal(Audio.Content, files[1].Content);
        Assert.Equal(new PublishedFlowSet("v1", At, "editor", 2, Routes.Content.Length + Audio.Content.Length), (await store.ListAsync(default)).Single());
    }

    [SkippableFact]
    public async Task Publish_SecondVersionSharingAFile_StoresOnlyTheChangedContent()
    {
        var store = new PublishedFlowSetStore(file.Open());
        await store.PublishAsync("v1", [Routes, Audio], "editor", At, default);
        var edited = Routes with { Content = Encoding.UTF8.GetBytes("routes: { \"12333\": main, \"*\": main }\n") };

        var second = await store.PublishAsync("v2", [edited, Audio], "editor", At.AddMinutes(5), default);
        var again = await store.PublishAsync("v2", [edited, Audio], "editor", At.AddMinutes(6), default);

        Assert.Equal(new PublishOutcome("v2", true, 1, false), second);
        Assert.Equal(new PublishOutcome("v2", false, 0, true), again);
        Assert.Equal(edited.Content, (await store.FilesAsync("v2", default))[0].Content);
        Assert.Equal(Routes.Content, (await store.FilesAsync("v1", default))[0].Content);
    }

    [SkippableFact]
    public async Task Activate_EarlierVersion_RollsBack_UnknownRefused()
    {
        var store = new PublishedFlowSetStore(file.Open());
        await store.PublishAsync("v1", [Routes], "editor", At, default);
        await store.PublishAsync("v2", [Routes, Audio], "editor", At.AddMinutes(1), default);

        Assert.True(await store.ActivateAsync("v1", "supervisor", At.AddMinutes(2), default));
        Assert.False(await store.ActivateAsync("v9", "supervisor", At.AddMinutes(3), default));

        Assert.Equal("v1", await store.ActiveAsync(default));
        Assert.Empty(await store.FilesAsync("v9", default));
    }

    public void Dispose() => file.Dispose();
}

public sealed class PublishedFlowSetStoreOnSqliteTests() : PublishedFlowSetStoreTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PublishedFlowSetStoreOnPostgresTests(PostgresServer server) : PublishedFlowSetStoreTests(server.NewDatabase())
{
    [SkippableFact]
    public async Task Publish_OnAnotherConnection_EveryListenerToldWithinASecond()
    {
        using var location = server.NewDatabase();
        var database = location.Open();
        var told = new[] { 0, 0 };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listeners = Enumerable.Range(0, 2).Select(i => new DatabaseNotifications(location.Open(), PublishedFlowSetStore.Channel, "flows", TimeProvider.System, _ => { })
            .RunAsync(_ =>
            {
                Interlocked.Increment(ref told[i]);
                return Task.CompletedTask;
            }, stop.Token)).ToArray();
        await Waiting.UntilAsync(() => told.All(t => t == 1), TimeSpan.FromSeconds(10)); // each reads the active version once when it connects

        var published = DateTime.UtcNow;
        await new PublishedFlowSetStore(database).PublishAsync("v1", [new FlowSetFile("flows/routes.yaml", [1, 2, 3])], "editor", At, default);
        await Waiting.UntilAsync(() => told.All(t => t == 2), TimeSpan.FromSeconds(1));
        var elapsed = DateTime.UtcNow - published;

        await stop.CancelAsync();
        await Task.WhenAll(listeners).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"told after {elapsed.TotalMilliseconds:F0} ms");
    }
}
