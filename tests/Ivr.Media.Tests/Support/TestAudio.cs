using Ivr.Media.Wav;

namespace Ivr.Media.Tests.Support;

/// <summary>The committed WAV files under Audio/ (speech made with espeak-ng, clips converted by sox).</summary>
internal static class TestAudio
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Audio", name);

    public static string[] SpeechFiles() =>
        Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "Audio"), "speech-*.wav").Order().ToArray();

    public static WavAudio Read(string name) => WavFile.Read(Path(name));

    /// <summary>The committed telephone prompts, prompts/zh-CN/*.wav of the repository (8 kHz mono 16-bit PCM).</summary>
    public static string[] CommittedPrompts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Ivr.sln")))
                return Directory.GetFiles(System.IO.Path.Combine(dir.FullName, "prompts", "zh-CN"), "*.wav").Order(StringComparer.Ordinal).ToArray();
        }

        throw new InvalidOperationException("repository root (Ivr.sln) not found above " + AppContext.BaseDirectory);
    }
}
