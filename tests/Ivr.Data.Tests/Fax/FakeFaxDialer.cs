using Ivr.Core.Fax;

namespace Ivr.Data.Tests.Fax;

/// <summary>Answers each call with the next scripted result (the last repeats) and remembers when and what it dialled.</summary>
internal sealed class FakeFaxDialer(TimeProvider time, params FaxResult[] results) : IFaxDialer
{
    private int _calls;

    public List<(DateTimeOffset At, string Number, string Tiff)> Dialled { get; } = [];

    public Exception? Throw { get; set; }

    public Task<FaxResult> SendAsync(string number, string tiffPath, CancellationToken cancellation)
    {
        Dialled.Add((time.GetUtcNow(), number, tiffPath));
        if (Throw is { } error) throw error;
        var result = results.Length == 0 ? new FaxResult(FaxOutcome.Sent, 2, 2, 0, "ok") : results[Math.Min(_calls, results.Length - 1)];
        _calls++;
        return Task.FromResult(result);
    }

    public static FaxResult Busy => new(FaxOutcome.Busy, 0, 0, -1, "busy");

    public static FaxResult Sent => new(FaxOutcome.Sent, 2, 2, 0, "ok");
}
