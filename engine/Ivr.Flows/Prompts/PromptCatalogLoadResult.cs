namespace Ivr.Flows.Prompts;

/// <summary>The catalog (null when it could not be read at all) and every problem found in it.</summary>
public sealed record PromptCatalogLoadResult(PromptCatalog? Catalog, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Catalog is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}
