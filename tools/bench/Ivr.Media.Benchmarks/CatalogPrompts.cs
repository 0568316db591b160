using Ivr.Media.Wav;

namespace Ivr.Media.Benchmarks;

/// <summary>The catalog's prompts as the media benchmarks read them: every WAV of a folder, in name order.</summary>
internal static class CatalogPrompts
{
    /// <summary>prompts/zh-CN of this checkout, from the benchmark's build folder.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "../../../../../../prompts/zh-CN");

    /// <summary>Each prompt's samples, in the files' name order.</summary>
    public static short[][] Read(string folder) =>
        [.. Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal).Select(f => WavFile.Read(f).Samples)];
}
