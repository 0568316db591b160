using Ivr.Core.Channel;
using Ivr.Core.Speech;

namespace Ivr.Flows.Prompts;

/// <summary>
/// Loads a prompt catalog and the audio beside it into <see cref="Prompt"/> objects.
/// <list type="bullet">
/// <item>Audio must be 8 kHz mono (16-bit PCM, or G.711 µ-law/A-law); anything else is an error
/// naming the file and the sox command that converts it.</item>
/// <item>A prompt without audio is a warning: it stays a text-only prompt whose duration is
/// estimated from its text (<see cref="EstimateDuration"/>), so simulated calls still work.</item>
/// <item>A catalog without every say-as fragment (<see cref="MandarinSayAs.FragmentPromptIds"/>)
/// is an error: numbers, amounts and dates could not be spoken.</item>
/// </list>
/// </summary>
public static class PromptSetLoader
{
    public const int SampleRate = 8000;

    private static readonly TimeSpan PerCharacter = TimeSpan.FromSeconds(0.25);
    private static readonly TimeSpan PerPause = TimeSpan.FromSeconds(0.2);

    public static PromptSetLoadResult Load(string catalogPath)
    {
        var loaded = PromptCatalogFile.Load(catalogPath);
        var diagnostics = new List<Diagnostic>(loaded.Diagnostics);
        var prompts = new Dictionary<string, Prompt>(StringComparer.Ordinal);
        if (loaded.Catalog is not { } catalog) return new(prompts, diagnostics);

        foreach (var entry in catalog.Prompts)
        {
            var wav = catalog.AudioPath(entry.Id);
            if (!File.Exists(wav))
            {
                diagnostics.Add(Diagnostic.Warning(entry.Location,
                    $"prompt '{entry.Id}' has no audio ({entry.Id}.wav); it is text-only until you run the prompt audio builder or record it"));
                prompts[entry.Id] = new Prompt(entry.Id, entry.Text, EstimateDuration(entry.Text), ReadOnlyMemory<short>.Empty);
                continue;
            }

            if (ReadAudio(wav, diagnostics) is { } audio)
                prompts[entry.Id] = new Prompt(entry.Id, entry.Text, audio.Duration, audio.Samples, wav);
        }

        foreach (var missing in MandarinSayAs.FragmentPromptIds.Where(id => !catalog.Contains(id)))
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(catalogPath),
                $"the catalog lacks say-as fragment '{missing}'; add it under 'prompts' (see engine/Ivr.Core/Speech/SayAsPromptIds.cs for its text)"));
        }

        return new(prompts, diagnostics);
    }

    /// <summary>How long a text would take to say: 0.25 s per character (a Chinese syllable), 0.2 s per pause mark.</summary>
    public static TimeSpan EstimateDuration(string text)
    {
        var characters = text.Count(char.IsLetterOrDigit);
        var pauses = text.Count(c => "，。？！；：、,.?!;:".Contains(c));
        var estimate = characters * PerCharacter + pauses * PerPause;
        return estimate < PerCharacter ? PerCharacter : estimate;
    }

    private static PromptWavFile.Audio? ReadAudio(string wav, List<Diagnostic> diagnostics)
    {
        var fix = $"convert it with: sox in.wav -r 8000 -c 1 -b 16 {Path.GetFileName(wav)}";
        try
        {
            var audio = PromptWavFile.Read(wav);
            if (audio.SampleRate == SampleRate && audio.Channels == 1) return audio;
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(wav),
                $"audio is {audio.SampleRate} Hz, {audio.Channels} channel(s); telephone prompts must be 8000 Hz mono 16-bit — {fix}"));
        }
        catch (InvalidDataException e)
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(wav), $"not a playable WAV file ({e.Message}); {fix}"));
        }
        catch (IOException e)
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(wav), $"cannot read the audio file ({e.Message})"));
        }

        return null;
    }
}
