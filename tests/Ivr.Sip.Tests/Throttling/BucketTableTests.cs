using Ivr.Sip.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.Throttling;

public sealed class BucketTableTests
{
    private static readonly RateBudget TenPerSecondBurstTwenty = new(10, 20);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryTake_AllowsTheBurstThenRefusesUntilTokensFlowBackIn()
    {
        var table = new BucketTable<string>(_time, 8);

        Assert.Equal(20, Enumerable.Range(0, 50).Count(_ => table.TryTake("a", TenPerSecondBurstTwenty)));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(5, Enumerable.Range(0, 50).Count(_ => table.TryTake("a", TenPerSecondBurstTwenty)));
    }

    [Fact]
    public void TryTake_SustainsExactlyTheRateOverTime()
    {
        var table = new BucketTable<string>(_time, 8);
        Enumerable.Range(0, 20).ToList().ForEach(_ => table.TryTake("a", TenPerSecondBurstTwenty));

        var admitted = 0;
        for (var ms = 0; ms < 10_000; ms += 10)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            for (var i = 0; i < 10; i++) admitted += table.TryTake("a", TenPerSecondBurstTwenty) ? 1 : 0;
        }

        Assert.InRange(admitted, 99, 101);
    }

    [Fact]
    public void TryTake_KeysHaveTheirOwnBuckets()
    {
        var table = new BucketTable<string>(_time, 8);
        Enumerable.Range(0, 100).ToList().ForEach(_ => table.TryTake("attacker", TenPerSecondBurstTwenty));

        Assert.False(table.TryTake("attacker", TenPerSecondBurstTwenty));
        Assert.True(table.TryTake("caller", TenPerSecondBurstTwenty));
    }

    [Fact]
    public void TryTake_Unlimited_AdmitsEverythingAndRemembersNothing()
    {
        var table = new BucketTable<string>(_time, 8);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(table.TryTake("a", RateBudget.Unlimited)));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void TryTake_AtCapacity_ForgetsTheLeastRecentlySeenKey()
    {
        var table = new BucketTable<int>(_time, 3);
        var drain = new RateBudget(1, 1);
        foreach (var key in new[] { 1, 2, 3 }) table.TryTake(key, drain);
        table.TryTake(1, drain);

        table.TryTake(4, drain);

        Assert.Equal(3, table.Count);
        Assert.True(table.TryTake(2, drain), "2 was the least recently seen: forgotten, so it starts full again");
        Assert.False(table.TryTake(1, drain), "1 was seen recently: still remembered and empty");
    }

    [Fact]
    public void ForgetQuiet_DropsKeysWhoseBucketsRefilled_KeepsBusyOnes()
    {
        var table = new BucketTable<int>(_time, 100_000);
        for (var key = 0; key < 50_000; key++) table.TryTake(key, TenPerSecondBurstTwenty);
        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 30; i++) table.TryTake(-1, TenPerSecondBurstTwenty);

        table.ForgetQuiet();

        Assert.Equal(1, table.Count);
        Assert.False(table.TryTake(-1, TenPerSecondBurstTwenty));
    }
}
