using Ivr.Core.Speech;
using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>
/// Say nodes speak numbers, amounts and dates with the catalog's fragment prompts
/// (<see cref="MandarinSayAs.FragmentPromptIds"/>): when any say node exists, each must be in the catalog.
/// </summary>
internal static class SayAsFragmentCheck
{
    /// <summary>The prompt loader's own report of a missing fragment; replaced by this check, which only applies when a say node exists.</summary>
    public static bool IsCatalogFragmentDiagnostic(Diagnostic diagnostic) =>
        diagnostic.Message.StartsWith("the catalog lacks say-as fragment", StringComparison.Ordinal);

    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        if (set.AllNodes.OfType<SayNode>().InFileOrder().FirstOrDefault() is not { } say) return;
        var missing = MandarinSayAs.FragmentPromptIds.Where(id => !set.Prompts.ContainsKey(id)).ToList();
        if (missing.Count == 0) return;
        diagnostics.Add(Diagnostic.Error(say.Location,
            $"say '{say.Name}' needs the say-as fragment prompts {string.Join(", ", missing)}, missing from the catalog {set.CatalogPath}; add them (their texts are in engine/Ivr.Core/Speech/SayAsPromptIds.cs)"));
    }
}
