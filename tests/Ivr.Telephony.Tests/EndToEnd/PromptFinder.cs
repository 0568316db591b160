namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// Finds a prompt in a recording: slides the prompt's 10 ms energy envelope over the recording's
/// and keeps the lag with the highest normalised cross-correlation (Pearson r).
/// </summary>
public static class PromptFinder
{
    /// <summary>Best match of the first <paramref name="maxFrames"/> frames of the prompt at or after <paramref name="fromFrame"/>.</summary>
    public static PromptMatch? Find(double[] recording, double[] prompt, int fromFrame = 0, int maxFrames = int.MaxValue)
    {
        var n = Math.Min(prompt.Length, maxFrames);
        if (n < 10 || recording.Length - fromFrame < n) return null;
        var template = prompt.AsSpan(0, n);
        var mean = Mean(template);
        double templateNorm = 0;
        foreach (var v in template) templateNorm += (v - mean) * (v - mean);
        if (templateNorm == 0) return null;

        PromptMatch? best = null;
        for (var lag = fromFrame; lag + n <= recording.Length; lag++)
        {
            var window = recording.AsSpan(lag, n);
            var windowMean = Mean(window);
            double cross = 0, windowNorm = 0;
            for (var i = 0; i < n; i++)
            {
                var w = window[i] - windowMean;
                cross += w * (template[i] - mean);
                windowNorm += w * w;
            }

            if (windowNorm == 0) continue;
            var r = cross / Math.Sqrt(windowNorm * templateNorm);
            if (best is null || r > best.Correlation) best = new PromptMatch(lag, r, n);
        }

        return best;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }
}
