using Ivr.Flows.Expressions;
using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>
/// Fax nodes need documents to send: a set with a fax node and an empty catalog is an error, and a
/// fax node whose <c>document</c> is written as fixed text must name a document of the catalog.
/// </summary>
internal static class FaxDocumentCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        foreach (var fax in set.AllNodes.OfType<FaxNode>())
        {
            var at = set.DraftOf(fax).Sources.Of(fax, "document");
            if (set.FaxCatalog.Documents.Count == 0)
            {
                diagnostics.Add(Diagnostic.Error(at, $"fax '{fax.Name}' has nothing to send: {set.FaxCatalogPath} lists no documents; add them there"));
                continue;
            }

            if (fax.Document.Variables.Any()) continue;
            var id = fax.Document.Evaluate(NoVariables.Instance).AsText();
            if (set.FaxCatalog.Find(id) is null)
            {
                var ids = set.FaxCatalog.Documents.Select(d => d.Id).ToList();
                diagnostics.Add(Diagnostic.Error(at,
                    $"fax '{fax.Name}': document '{id}' is not in {set.FaxCatalogPath}{NameSuggester.Hint(id ?? "", ids)} (documents: {string.Join(", ", ids)})"));
            }
        }
    }

    private sealed class NoVariables : IVariableScope
    {
        public static readonly NoVariables Instance = new();

        public string? Get(string name) => null;
    }
}
