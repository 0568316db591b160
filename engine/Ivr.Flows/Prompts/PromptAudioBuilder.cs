namespace Ivr.Flows.Prompts;

/// <summary>
/// Regenerates only the prompt audio whose text or voice changed: for each catalog prompt whose
/// SHA-256 (see <see cref="PromptAudioManifest.Hash"/>) differs from audio.manifest, or whose WAV
/// is missing, it synthesizes &lt;id&gt;.wav and records the new hash. Prompts marked
/// <c>human</c> in the manifest are never touched; tone prompts ([…] texts) are never synthesized.
/// Manifest lines of prompts no longer in the catalog are dropped (their files are reported).
/// </summary>
public sealed class PromptAudioBuilder(IPromptSynthesizer synthesizer)
{
    public async Task<PromptBuildReport> BuildAsync(string catalogPath, CancellationToken cancellationToken)
    {
        var loaded = PromptCatalogFile.Load(catalogPath);
        var diagnostics = new List<Diagnostic>(loaded.Diagnostics);
        if (loaded.HasErrors || loaded.Catalog is not { } catalog) return new([], [], [], [], diagnostics);

        var manifestPath = Path.Combine(catalog.Directory, PromptAudioManifest.FileName);
        var manifest = PromptAudioManifest.Load(manifestPath, diagnostics);
        if (diagnostics.Any(d => d.Severity == Severity.Error)) return new([], [], [], [], diagnostics);

        List<string> generated = [], unchanged = [], human = [], failed = [];
        try
        {
            foreach (var prompt in catalog.Prompts)
            {
                var wav = catalog.AudioPath(prompt.Id);
                if (manifest.IsHuman(prompt.Id))
                {
                    human.Add(prompt.Id);
                    if (!File.Exists(wav))
                        diagnostics.Add(Diagnostic.Warning(prompt.Location, $"prompt '{prompt.Id}' is marked human in {PromptAudioManifest.FileName} but {wav} is missing; record it"));
                    continue;
                }

                if (prompt.IsTone)
                {
                    if (!File.Exists(wav))
                    {
                        diagnostics.Add(Diagnostic.Warning(prompt.Location,
                            $"tone prompt '{prompt.Id}' is not speech; make {prompt.Id}.wav by hand (e.g. sox -n -r 8000 -c 1 -b 16 {prompt.Id}.wav synth 0.3 sine 1000) and add '{prompt.Id} human' to {PromptAudioManifest.FileName}"));
                    }

                    continue;
                }

                var hash = PromptAudioManifest.Hash(catalog.Voice, prompt.Text);
                if (manifest.HashOf(prompt.Id) == hash && File.Exists(wav))
                {
                    unchanged.Add(prompt.Id);
                    continue;
                }

                var error = await synthesizer.SynthesizeAsync(catalog.Voice, prompt.Text, wav, cancellationToken);
                if (error is null)
                {
                    manifest.SetHash(prompt.Id, hash);
                    generated.Add(prompt.Id);
                }
                else
                {
                    failed.Add(prompt.Id);
                    diagnostics.Add(Diagnostic.Error(prompt.Location, $"could not make audio for '{prompt.Id}': {error}"));
                }
            }

            foreach (var stale in manifest.Entries.Keys.Where(id => !catalog.Contains(id)).ToList())
            {
                if (manifest.IsHuman(stale)) continue;
                manifest.Remove(stale);
                diagnostics.Add(Diagnostic.Warning(SourceLocation.File(manifestPath),
                    $"prompt '{stale}' is no longer in the catalog; its line was dropped, delete {stale}.wav if it is not needed"));
            }
        }
        finally
        {
            manifest.Save(manifestPath);
        }

        return new(generated, unchanged, human, failed, diagnostics);
    }
}
