using Ivr.Flows.Prompts;
using Ivr.Host.Prompts;

namespace Ivr.Host.Commands;

public sealed class PromptsCommand : CommandBase
{
    public override string Name => "prompts";

    public override string Summary => "'prompts build': regenerate the audio of changed prompts with espeak-ng";

    public override string Usage => $"""
        usage: ivr prompts build

        Reads PROMPTS/catalog.yaml and regenerates, with espeak-ng, the 8 kHz WAV of every prompt
        whose text changed since the last build (audio.manifest records what each file was made
        from). Files marked 'human' in the manifest (recorded by a person) are never overwritten.
        {IvrPaths.Help}
        """;

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        if (line.Positional.FirstOrDefault() != "build") throw new UsageException("say 'build'");
        var paths = IvrPaths.From(line);
        if (!EspeakSynthesizer.IsInstalled)
        {
            Console.Error.WriteLine("espeak-ng is not installed: apt-get install espeak-ng");
            return 1;
        }

        var report = await new PromptAudioBuilder(new EspeakSynthesizer()).BuildAsync(Path.Combine(paths.Prompts, "catalog.yaml"), cancellation);
        Console.WriteLine(report);
        return report.HasErrors ? 1 : 0;
    }
}
