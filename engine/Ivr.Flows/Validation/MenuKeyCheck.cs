using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>
/// Menu keys the caller could not tell apart: a key that is the start of another (<c>1</c> and <c>12</c>),
/// and keys that start with the menu's back or repeat key.
/// </summary>
internal static class MenuKeyCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        foreach (var menu in set.AllNodes.OfType<MenuNode>())
        {
            var sources = set.DraftOf(menu).Sources;
            var keys = menu.Options.Select(o => o.Key).ToList();
            foreach (var longer in keys)
            {
                var at = sources.Of(menu, $"options/{longer}");
                foreach (var shorter in keys.Where(k => k.Length < longer.Length && longer.StartsWith(k, StringComparison.Ordinal)))
                {
                    diagnostics.Add(Diagnostic.Error(at,
                        $"menu '{menu.Name}': keys '{shorter}' and '{longer}' are ambiguous — after {shorter} the menu cannot know whether {longer} is coming; make keys the same length (e.g. 1 and 2, or 11 and 12)"));
                }

                CheckSpecialKey(menu, longer, menu.BackKey, "back_key", at, diagnostics);
                CheckSpecialKey(menu, longer, menu.RepeatKey, "repeat_key", at, diagnostics);
            }
        }
    }

    private static void CheckSpecialKey(MenuNode menu, string key, char? special, string field, SourceLocation at, ICollection<Diagnostic> diagnostics)
    {
        if (special is not { } c || key[0] != c) return;
        diagnostics.Add(Diagnostic.Error(at,
            $"menu '{menu.Name}': key '{key}' starts with '{c}', which is the {field} (from the node or the flow's defaults); choose another key, or set {field}: null on this menu"));
    }
}
