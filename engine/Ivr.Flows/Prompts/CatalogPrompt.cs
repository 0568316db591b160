namespace Ivr.Flows.Prompts;

/// <summary>One entry of prompts/&lt;language&gt;/catalog.yaml: what the prompt says and where it is written.</summary>
public sealed record CatalogPrompt(string Id, string Text, SourceLocation Location)
{
    /// <summary>A text in [brackets] (e.g. "[提示音]") is a tone, not speech: its audio is made by hand.</summary>
    public bool IsTone => Text.StartsWith('[') && Text.EndsWith(']');
}
