namespace Ivr.Media.Wav;

/// <summary>Decoded audio of a WAV file as 16-bit linear samples (first channel only when stereo).</summary>
public sealed record WavAudio(int SampleRate, int Channels, int BitsPerSample, WavEncoding Encoding, short[] Samples)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
