namespace Ivr.Flows.Prompts;

/// <summary>The prompt texts of one language, in file order, with the espeak-ng voice that speaks them.</summary>
public sealed class PromptCatalog(string path, string language, string voice, IReadOnlyList<CatalogPrompt> prompts)
{
    private readonly Dictionary<string, CatalogPrompt> _byId = prompts.ToDictionary(p => p.Id);

    public string Path { get; } = path;

    /// <summary>The folder that holds the catalog, its audio files and audio.manifest.</summary>
    public string Directory { get; } = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";

    public string Language { get; } = language;

    public string Voice { get; } = voice;

    public IReadOnlyList<CatalogPrompt> Prompts { get; } = prompts;

    public bool Contains(string id) => _byId.ContainsKey(id);

    public CatalogPrompt? Find(string id) => _byId.GetValueOrDefault(id);

    public string AudioPath(string id) => System.IO.Path.Combine(Directory, id + ".wav");
}
