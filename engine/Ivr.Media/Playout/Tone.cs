using Ivr.Media.Codecs;

namespace Ivr.Media.Playout;

/// <summary>Generated prompts: a sine tone such as the beep before a recording, or a DTMF key's tone pair.</summary>
public static class Tone
{
    /// <summary>A sine at <paramref name="levelDbm0"/>, 8 kHz, with 5 ms raised-cosine edges so it does not click.</summary>
    public static short[] Sine(double frequencyHz, TimeSpan duration, double levelDbm0 = -10)
    {
        if (frequencyHz is <= 0 or >= 4000) throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "frequency must lie between 0 and 4000 Hz");
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "duration cannot be negative");
        if (levelDbm0 > 3) throw new ArgumentOutOfRangeException(nameof(levelDbm0), levelDbm0, "above +3 dBm0 G.711 clips");
        var samples = new short[(int)Math.Round(duration.TotalSeconds * G711.SampleRate)];
        var amplitude = Dbm0.SineAmplitude(levelDbm0);
        var ramp = Math.Min(G711.SampleRate / 200, samples.Length / 2);
        for (var n = 0; n < samples.Length; n++)
        {
            var edge = Math.Min(n, samples.Length - 1 - n);
            var gain = edge >= ramp ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * edge / ramp);
            samples[n] = (short)Math.Round(gain * amplitude * Math.Sin(2 * Math.PI * frequencyHz * n / G711.SampleRate));
        }

        return samples;
    }

    /// <summary>The usual recording beep: 1 kHz, 250 ms, −10 dBm0.</summary>
    public static short[] Beep() => Sine(1000, TimeSpan.FromMilliseconds(250));

    /// <summary>The Q.23 tone pair of a DTMF key, each tone at <paramref name="levelDbm0"/> (what a phone
    /// sends in-band, for simulated callers and tests).</summary>
    public static short[] Dtmf(char key, TimeSpan duration, double levelDbm0 = -7)
    {
        if (Ivr.Media.Dtmf.DtmfKey.ToEvent(key) is null) throw new ArgumentException($"'{key}' is not a DTMF key (0-9, *, #, A-D)", nameof(key));
        if (levelDbm0 > -3) throw new ArgumentOutOfRangeException(nameof(levelDbm0), levelDbm0, "above −3 dBm0 per tone the pair clips");
        var (low, high) = Ivr.Media.Dtmf.DtmfTones.Of(char.ToUpperInvariant(key));
        var a = Sine(low, duration, levelDbm0);
        var b = Sine(high, duration, levelDbm0);
        for (var n = 0; n < a.Length; n++) a[n] = (short)(a[n] + b[n]);
        return a;
    }
}
