namespace Ivr.Media.Wav;

/// <summary>The WAVE format tags we read (RIFF WAVE "fmt " chunk, wFormatTag).</summary>
public enum WavEncoding : ushort
{
    Pcm = 1,
    ALaw = 6,
    MuLaw = 7,
}
