using Ivr.Flows.Prompts;
using Ivr.Media.Wav;

namespace Ivr.Flows.Tests.Prompts;

/// <summary>Writes a short 8 kHz tone whose length follows the text; records what it was asked to say.</summary>
internal sealed class FakeSynthesizer : IPromptSynthesizer
{
    public List<(string Voice, string Text, string Path)> Calls { get; } = [];

    public string? FailFor { get; set; }

    public Task<string?> SynthesizeAsync(string voice, string text, string wavPath, CancellationToken cancellationToken)
    {
        Calls.Add((voice, text, wavPath));
        if (text == FailFor) return Task.FromResult<string?>("synthesizer broke");
        var samples = Enumerable.Range(0, 800 * text.Length).Select(i => (short)(i % 16 * 100)).ToArray();
        WavFile.Write(wavPath, samples);
        return Task.FromResult<string?>(null);
    }

    public IEnumerable<string> SpokenIds => Calls.Select(c => System.IO.Path.GetFileNameWithoutExtension(c.Path));
}
