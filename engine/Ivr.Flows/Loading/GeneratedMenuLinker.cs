using Ivr.Core.Channel;
using Ivr.Core.Speech;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading;

/// <summary>
/// Gives every menu written with <c>options_from: fax_documents</c> its keys and its spoken choices:
/// key 1 for the catalog's first document, 2 for the second …, all leading to the menu's <c>next</c>;
/// after the menu's own prompt each document is offered as its title, "请按" (<see cref="PressKeyPrompt"/>)
/// and the key's digit. A new document in the catalog thus needs no flow edit.
/// </summary>
internal static class GeneratedMenuLinker
{
    /// <summary>"请按", said between a document's title and its key.</summary>
    public const string PressKeyPrompt = "press_key";

    public static void Link(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        foreach (var menu in set.AllNodes.OfType<MenuNode>())
        {
            if (menu.OptionsFrom is not { } generated || generated.Source != Model.Fax.FaxCatalog.OptionsSourceName) continue;
            var at = set.DraftOf(menu).Sources.Of(menu, "options_from");
            var documents = set.FaxCatalog.Documents;
            if (documents.Count == 0)
            {
                diagnostics.Add(Diagnostic.Error(at,
                    $"menu '{menu.Name}': options_from: {generated.Source}, but {set.FaxCatalogPath} lists no documents; add them there (documents: - {{ id, title, source }})"));
                continue;
            }

            var spoken = new List<Prompt>();
            var missing = new List<string>();
            var options = new List<KeyValuePair<string, Target>>(documents.Count);
            for (var i = 0; i < documents.Count; i++)
            {
                var key = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                options.Add(new(key, generated.Next));
                spoken.AddRange(documents[i].Title.Resolved);
                Add(set, PressKeyPrompt, spoken, missing);
                Add(set, SayAsPromptIds.Digit[i + 1], spoken, missing);
            }

            if (missing.Count > 0)
            {
                diagnostics.Add(Diagnostic.Error(at,
                    $"menu '{menu.Name}': a generated menu says each choice as title + {PressKeyPrompt} (请按) + digit; add {string.Join(", ", missing.Distinct())} to the catalog {set.CatalogPath}"));
            }

            menu.Generate(options);
            generated.Values = [.. documents.Select(d => d.Id)];
            // PromptList.Empty is shared: a menu without its own prompt (already an error) is left alone.
            if (!menu.Input.Prompt.IsEmpty) menu.Input.Prompt.Resolved = [.. menu.Input.Prompt.Resolved, .. spoken];
            if (!menu.Input.Reprompt.IsEmpty) menu.Input.Reprompt.Resolved = [.. menu.Input.Reprompt.Resolved, .. spoken];
        }
    }

    private static void Add(FlowSetDraft set, string id, List<Prompt> spoken, List<string> missing)
    {
        if (set.Prompts.TryGetValue(id, out var prompt)) spoken.Add(prompt);
        else missing.Add(id);
    }
}
