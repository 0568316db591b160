using Ivr.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Security;

public sealed class ChinaTimeTests
{
    [Fact]
    public void NextMidnight_UtcEvening_IsChinaMidnightAfterNextChinaDayStarts()
    {
        // 2026-11-23 17:00 UTC = 2026-11-24 01:00 China: next midnight is 2026-11-25 00:00 +08:00.
        var next = ChinaTime.NextMidnight(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8)), next);
    }

    [Fact]
    public void NextMidnight_ExactlyMidnight_IsTheFollowingOne()
    {
        var midnight = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(midnight.AddDays(1), ChinaTime.NextMidnight(midnight));
    }

    [Fact]
    public void Today_UsesChinaDate()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 24), ChinaTime.Today(time));
    }
}
