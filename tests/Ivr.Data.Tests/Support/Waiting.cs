namespace Ivr.Data.Tests;

/// <summary>Waits, with a deadline, for what another connection or a background loop makes true.</summary>
internal static class Waiting
{
    /// <exception cref="TimeoutException">Not true within <paramref name="limit"/>.</exception>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {limit.TotalSeconds} s");
            await Task.Delay(10);
        }
    }
}
