using Ivr.Media.Codecs;

namespace Ivr.Host.SipReplay;

/// <summary>
/// What a replayed caller "says" into a recording: noise at about −20 dBm0 under a syllable-rate
/// envelope (4 Hz, never below −30 dBm0), loud enough that a recorder's silence detector (−40 dBm0)
/// hears speech, and without the two pure tones an in-band DTMF detector would mistake for a key.
/// Deterministic (a fixed-seed generator), so a replay sends the same audio every time.
/// </summary>
public sealed class SpeechLikeSignal
{
    private const int SampleRate = 8000;
    private static readonly double Amplitude = Dbm0.SineAmplitude(-20) / Math.Sqrt(2) * Math.Sqrt(3); // uniform noise's RMS is A/√3

    private uint _state = 0x12333u;
    private long _sample;

    /// <summary>Fills <paramref name="frame"/> with the next samples.</summary>
    public void Fill(Span<short> frame)
    {
        for (var i = 0; i < frame.Length; i++, _sample++)
        {
            _state = _state * 1664525u + 1013904223u; // Numerical Recipes LCG
            var uniform = (_state >> 8) / (double)(1 << 24) * 2 - 1;
            var envelope = 0.65 + 0.35 * Math.Sin(2 * Math.PI * 4 * _sample / SampleRate);
            frame[i] = (short)Math.Clamp(uniform * envelope * Amplitude, short.MinValue, short.MaxValue);
        }
    }
}
