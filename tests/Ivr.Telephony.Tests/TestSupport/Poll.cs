namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>Waits for a condition without blocking a thread-pool thread.</summary>
public static class Poll
{
    public static async Task<bool> UntilAsync(Func<bool> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(10);
        }

        return true;
    }
}
