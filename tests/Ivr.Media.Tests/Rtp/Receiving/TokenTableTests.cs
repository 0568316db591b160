using Ivr.Media.Rtp.Receiving;

namespace Ivr.Media.Tests.Rtp.Receiving;

/// <summary>Issue 13: how a receive thread finds the receiver an epoll event names, without a hash lookup.</summary>
public sealed class TokenTableTests
{
    [Fact]
    public void Find_EachItemsToken_ThatItem()
    {
        var table = new TokenTable<Item>();
        var items = Enumerable.Range(0, 100).Select(i => new Item(i)).ToArray(); // past the first array: it grows

        var tokens = items.Select(table.Add).ToArray();

        Assert.Equal(100, table.Count);
        Assert.Equal(100, tokens.Distinct().Count());
        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal(tokens[i], items[i].Token);
            Assert.Same(items[i], table.Find(tokens[i]));
        }
    }

    [Fact]
    public void Find_RemovedItemsToken_NothingEvenWhenItsSlotIsReused()
    {
        var table = new TokenTable<Item>();
        var first = new Item(1);
        var stale = table.Add(first);
        Assert.True(table.Remove(first));

        var second = new Item(2);
        var fresh = table.Add(second);

        Assert.Equal((uint)stale, (uint)fresh); // the same slot, a new generation
        Assert.Null(table.Find(stale));
        Assert.Same(second, table.Find(fresh));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Remove_Twice_OnceTrueAndTheSlotFreedOnce()
    {
        var table = new TokenTable<Item>();
        var item = new Item(1);
        table.Add(item);

        Assert.True(table.Remove(item));
        Assert.False(table.Remove(item));
        Assert.False(table.Remove(new Item(2))); // never added

        var a = table.Add(new Item(3));
        var b = table.Add(new Item(4));
        Assert.NotEqual((uint)a, (uint)b); // the freed slot was handed out once, not twice
        Assert.Equal(2, table.Count);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(1_000_000L)]
    public void Find_TokenNeverGiven_Nothing(long token)
    {
        var table = new TokenTable<Item>();
        table.Add(new Item(1));

        Assert.Null(table.Find(token));
    }

    [Fact]
    public async Task Find_WhileOtherThreadsAddAndRemove_NeverAnotherItem()
    {
        var table = new TokenTable<Item>();
        var kept = Enumerable.Range(0, 50).Select(i => new Item(i)).ToArray();
        var keptTokens = kept.Select(table.Add).ToArray();
        using var stop = new CancellationTokenSource();
        var churn = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var items = Enumerable.Range(0, 40).Select(i => new Item(-i)).ToArray();
                foreach (var item in items) table.Add(item);
                foreach (var item in items) table.Remove(item);
            }
        })).ToArray();

        for (var round = 0; round < 2_000; round++)
        {
            for (var i = 0; i < kept.Length; i++) Assert.Same(kept[i], table.Find(keptTokens[i]));
        }

        stop.Cancel();
        await Task.WhenAll(churn);
        Assert.Equal(50, table.Count);
    }

    private sealed class Item(int id) : ITokenHolder
    {
        public long Token { get; set; }

        public override string ToString() => $"item {id}";
    }
}
