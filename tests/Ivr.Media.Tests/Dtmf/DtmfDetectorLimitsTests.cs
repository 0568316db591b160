using Ivr.Media.Tests.Support;
using Xunit.Abstractions;

namespace Ivr.Media.Tests.Dtmf;

/// <summary>
/// Measures the detector's actual accept/reject limits by bisection (printed to the test output; run
/// with <c>--logger "console;verbosity=detailed"</c>) and checks each lies between the Q.24 must-accept
/// and must-reject points.
/// </summary>
public class DtmfDetectorLimitsTests(ITestOutputHelper output)
{
    private const string Keys = "0123456789*#ABCD";

    [Theory]
    [InlineData(+1)]
    [InlineData(-1)]
    public void FrequencyDeviation_LimitLiesBetweenAcceptAndReject(int sign)
    {
        double worstAccept = 1, bestReject = 0;
        foreach (var key in Keys)
        {
            foreach (var group in new[] { "low", "high" })
            {
                var limit = Bisect(0.005, 0.06, d => Detected(key, Signal.Dtmf(key, 60,
                    lowDeviation: group == "low" ? sign * d : 0, highDeviation: group == "high" ? sign * d : 0)));
                worstAccept = Math.Min(worstAccept, limit);
                bestReject = Math.Max(bestReject, limit);
            }
        }

        output.WriteLine($"frequency deviation {(sign > 0 ? "+" : "-")}: limit between {worstAccept:P2} and {bestReject:P2} over all tones");
        Assert.InRange(worstAccept, 0.015, 0.035);
        Assert.InRange(bestReject, 0.015, 0.035);
    }

    [Fact]
    public void Duration_LimitLiesBetween30And40Ms()
    {
        double shortestAccepted = 100, longestRejected = 0;
        foreach (var offset in new[] { 0.0, 1.6, 3.3, 4.1 })
        {
            var limit = Bisect(20, 60, ms => !Detected('5', Signal.Concat(Signal.Silence(offset), Signal.Dtmf('5', ms))));
            shortestAccepted = Math.Min(shortestAccepted, limit);
            longestRejected = Math.Max(longestRejected, limit);
        }

        output.WriteLine($"duration limit: {shortestAccepted:F1}..{longestRejected:F1} ms depending on alignment");
        Assert.InRange(shortestAccepted, 30.5, 39.5);
        Assert.InRange(longestRejected, 30.5, 39.5);
    }

    [Fact]
    public void Twist_LimitsLieBetweenAcceptAndReject()
    {
        var normal = Keys.Select(k => Bisect(4, 16, t => Detected(k, Signal.Dtmf(k, 60, lowDbm0: -6, twistDb: t)))).ToArray();
        var reverse = Keys.Select(k => Bisect(1, 12, t => Detected(k, Signal.Dtmf(k, 60, lowDbm0: -10, twistDb: -t)))).ToArray();
        output.WriteLine($"normal twist limit {normal.Min():F2}..{normal.Max():F2} dB; reverse twist limit {reverse.Min():F2}..{reverse.Max():F2} dB");
        Assert.InRange(normal.Min(), 8, 10);
        Assert.InRange(normal.Max(), 8, 10);
        Assert.InRange(reverse.Min(), 4, 6);
        Assert.InRange(reverse.Max(), 4, 6);
    }

    [Fact]
    public void Level_LimitLiesBelowMinus25Dbm0()
    {
        var limits = Keys.Select(k => -Bisect(20, 45, l => Detected(k, Signal.Dtmf(k, 60, lowDbm0: -l)))).ToArray();
        output.WriteLine($"sensitivity limit (each tone): {limits.Max():F2}..{limits.Min():F2} dBm0");
        Assert.InRange(limits.Max(), -32, -25.5);
    }

    private static bool Detected(char key, double[] tone) => DetectorRun.KeysOf(tone) == key.ToString();

    /// <summary>The point where <paramref name="accepted"/> changes, given it holds at <paramref name="low"/> and fails at <paramref name="high"/>.</summary>
    private static double Bisect(double low, double high, Func<double, bool> accepted)
    {
        Assert.True(accepted(low), $"not accepted at {low}");
        Assert.False(accepted(high), $"still accepted at {high}");
        for (var i = 0; i < 14; i++)
        {
            var mid = (low + high) / 2;
            if (accepted(mid)) low = mid;
            else high = mid;
        }

        return (low + high) / 2;
    }
}
