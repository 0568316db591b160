using Ivr.Flows.Expressions;
using Ivr.Flows.Loading;
using Ivr.Flows.Loading.Kinds;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>Warns about expressions that read a variable nothing ever sets (usually a typo, or text missing its quotes).</summary>
internal static class VariableCheck
{
    /// <summary>Set by the runtime when a transfer fails (why it failed), for the node its on_failure leads to.</summary>
    public const string TransferFailureVariable = "transfer_failure";

    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var known = KnownVariables(set);
        foreach (var node in set.AllNodes)
        {
            var sources = set.DraftOf(node).Sources;
            if (node is PlayNode { Recording: { } recording } play && !known.Contains(recording))
            {
                diagnostics.Add(Diagnostic.Warning(sources.Of(play, "recording"),
                    $"play '{play.Name}': 'recording' should name a record node's into variable, but nothing sets '{recording}'{NameSuggester.Hint(recording, known)}"));
            }

            foreach (var expression in ExpressionsOf(node))
            {
                foreach (var name in expression.Variables.Distinct().Where(v => !known.Contains(v)))
                {
                    var hint = NameSuggester.Hint(name, known);
                    diagnostics.Add(Diagnostic.Warning(sources.Of(expression, node.Location),
                        $"'{expression.Source}' reads variable '{name}', which nothing sets{hint}{(hint.Length == 0 ? "; if you meant text, quote it: '" + name + "'" : "")}"));
                }
            }
        }
    }

    public static IEnumerable<Expression> ExpressionsOf(Node node) => node switch
    {
        BranchNode branch => branch.Cases.Select(c => c.When),
        SetNode set => set.Values.Select(v => v.Value),
        LookupNode lookup => lookup.Inputs.Select(i => i.Value),
        TransferNode transfer => transfer.To is { } to ? [.. transfer.Context.Select(c => c.Value), to] : transfer.Context.Select(c => c.Value),
        SayNode say => [say.Value],
        FaxNode fax => [fax.Document],
        _ => [],
    };

    private static HashSet<string> KnownVariables(FlowSetDraft set)
    {
        var known = new HashSet<string>(VariableName.BuiltIns, StringComparer.Ordinal);
        foreach (var draft in set.Flows.Values) known.UnionWith(draft.Flow.Variables.Keys);
        foreach (var node in set.AllNodes)
        {
            switch (node)
            {
                case CollectNode collect: known.Add(collect.Into); break;
                case RecordNode record: known.Add(record.Into); break;
                case MenuNode { OptionsFrom: { } generated }: known.Add(generated.Into); break;
                case LookupNode lookup: known.UnionWith(lookup.Outputs.Select(o => o.Value)); break;
                case SetNode assign: known.UnionWith(assign.Values.Select(v => v.Key)); break;
                case TransferNode: known.Add(TransferFailureVariable); break;
            }
        }

        return known;
    }
}
