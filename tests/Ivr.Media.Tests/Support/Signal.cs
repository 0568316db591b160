using Ivr.Media.Codecs;

namespace Ivr.Media.Tests.Support;

/// <summary>Test signals: DTMF pairs, silence and white noise as 8 kHz 16-bit samples.</summary>
internal static class Signal
{
    public const int Rate = 8000;

    private static readonly string[] s_keypad = ["123A", "456B", "789C", "*0#D"];
    private static readonly double[] s_low = [697, 770, 852, 941];
    private static readonly double[] s_high = [1209, 1336, 1477, 1633];

    public static (double Low, double High) Frequencies(char key)
    {
        for (var r = 0; r < 4; r++)
        {
            var c = s_keypad[r].IndexOf(key);
            if (c >= 0) return (s_low[r], s_high[c]);
        }

        throw new ArgumentException($"not a DTMF key: {key}");
    }

    public static int Samples(double ms) => (int)Math.Round(ms * Rate / 1000);

    /// <summary>A DTMF pair: low tone at <paramref name="lowDbm0"/>, high tone at lowDbm0 − <paramref name="twistDb"/>
    /// (positive = normal twist, low louder), frequencies scaled by (1 + deviation).</summary>
    public static double[] Dtmf(char key, double ms, double lowDbm0 = -10, double twistDb = 0, double lowDeviation = 0, double highDeviation = 0, double phase = 0.3)
    {
        var (low, high) = Frequencies(key);
        return TwoTones(low * (1 + lowDeviation), lowDbm0, high * (1 + highDeviation), lowDbm0 - twistDb, ms, phase);
    }

    public static double[] TwoTones(double f1, double dbm1, double f2, double dbm2, double ms, double phase = 0.3)
    {
        var a1 = Dbm0.SineAmplitude(dbm1);
        var a2 = Dbm0.SineAmplitude(dbm2);
        var x = new double[Samples(ms)];
        for (var n = 0; n < x.Length; n++)
            x[n] = a1 * Math.Sin(2 * Math.PI * f1 * n / Rate + phase) + a2 * Math.Sin(2 * Math.PI * f2 * n / Rate + 2 * phase);
        return x;
    }

    public static double[] Silence(double ms) => new double[Samples(ms)];

    public static double[] Concat(params double[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Adds Gaussian white noise of RMS level <paramref name="dbm0"/>.</summary>
    public static double[] WithNoise(double[] x, double dbm0, int seed = 1)
    {
        var random = new Random(seed);
        var sigma = Math.Sqrt(Dbm0.Power(dbm0));
        var y = new double[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            y[n] = x[n] + sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return y;
    }

    public static short[] ToPcm(double[] x) => x.Select(v => (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue)).ToArray();

    /// <summary>Through a µ-law channel, as the audio arrives over RTP.</summary>
    public static short[] ThroughMuLaw(double[] x)
    {
        var pcm = ToPcm(x);
        var codes = new byte[pcm.Length];
        MuLaw.Encode(pcm, codes);
        MuLaw.Decode(codes, pcm);
        return pcm;
    }
}
