using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Support;

/// <summary>The committed WAV files under Audio/ (speech made with espeak-ng, clips converted by sox).</summary>
internal static class TestAudio
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Audio", name);

    public static string[] SpeechFiles() =>
        Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "Audio"), "speech-*.wav").Order().ToArray();

    public static WavAudio Read(string name) => WavFile.Read(Path(name));
}
