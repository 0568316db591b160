using Ivr.Flows.Expressions;
using Ivr.Flows.Loading;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Validation;

/// <summary>
/// Follows secure values (a collect with <c>secure: true</c>, and every variable a set node computes
/// from one) and reports each place one could leak: read aloud by a say node, passed to an agent in a
/// transfer's context, or stored in a variable that is also a plain one (flow variables, a collect
/// without secure, a lookup output or a recording).
/// </summary>
internal static class SecureValueCheck
{
    public static void Check(FlowSetDraft set, ICollection<Diagnostic> diagnostics)
    {
        var secure = FindSecure(set);
        if (secure.Count == 0) return;
        CheckPlainWriters(set, secure, diagnostics);
        foreach (var node in set.AllNodes)
        {
            var sources = set.DraftOf(node).Sources;
            switch (node)
            {
                case SayNode { Readback: true } readback when Leak(readback.Value, secure) is { } name && IsSecret(set, name):
                    diagnostics.Add(Diagnostic.Error(sources.Of(readback.Value, sources.Of(readback, "value")),
                        $"say '{readback.Name}' would read back '{name}', which is masked as a secret (a PIN); readback is for IDs, card and phone numbers — give its collect mask: resident-id, card or phone, or say another variable"));
                    break;
                case SayNode { Readback: false } say when Leak(say.Value, secure) is { } name:
                    diagnostics.Add(Diagnostic.Error(sources.Of(say.Value, sources.Of(say, "value")),
                        $"say '{say.Name}' would read out '{name}', a secure value ({secure[name].Why}); secure values are never spoken — say another variable, or add readback: true to read an ID, card or phone number back to the caller who typed it"));
                    break;
                case TransferNode transfer:
                    foreach (var (key, expression) in transfer.Context)
                    {
                        if (Leak(expression, secure) is not { } leaked) continue;
                        diagnostics.Add(Diagnostic.Error(sources.Of(expression, sources.Of(transfer, $"context/{key}")),
                            $"transfer '{transfer.Name}': context '{key}' passes '{leaked}', a secure value ({secure[leaked].Why}), to the agent; remove it from context"));
                    }

                    if (transfer.To is { } to && Leak(to, secure) is { } leakedTo)
                    {
                        diagnostics.Add(Diagnostic.Error(sources.Of(to, sources.Of(transfer, "to")),
                            $"transfer '{transfer.Name}': 'to' reads '{leakedTo}', a secure value ({secure[leakedTo].Why}); a transfer target is sent in clear"));
                    }

                    break;
            }
        }
    }

    /// <summary>True when <paramref name="name"/> is collected with the secret mask (only its length may show).</summary>
    private static bool IsSecret(FlowSetDraft set, string name) =>
        set.AllNodes.OfType<CollectNode>().Any(c => c.Secure && c.Into == name && c.Mask == MaskStyle.Secret);

    private static string? Leak(Expression expression, Dictionary<string, SecureOrigin> secure) =>
        expression.Variables.FirstOrDefault(secure.ContainsKey);

    private static Dictionary<string, SecureOrigin> FindSecure(FlowSetDraft set)
    {
        var secure = new Dictionary<string, SecureOrigin>();
        foreach (var collect in set.AllNodes.OfType<CollectNode>().Where(c => c.Secure && c.Into.Length > 0).InFileOrder())
        {
            var at = set.DraftOf(collect).Sources.Of(collect, "into");
            secure.TryAdd(collect.Into, new SecureOrigin(at, $"collected with secure: true at {at}"));
        }

        for (var changed = secure.Count > 0; changed;)
        {
            changed = false;
            foreach (var node in set.AllNodes.OfType<SetNode>().InFileOrder())
            {
                foreach (var (name, expression) in node.Values)
                {
                    if (secure.ContainsKey(name) || Leak(expression, secure) is not { } from) continue;
                    var at = set.DraftOf(node).Sources.Of(node, $"values/{name}");
                    secure[name] = new SecureOrigin(at, $"became secure at {at}, computed from '{from}', {secure[from].Why}");
                    changed = true;
                }
            }
        }

        return secure;
    }

    private static void CheckPlainWriters(FlowSetDraft set, Dictionary<string, SecureOrigin> secure, ICollection<Diagnostic> diagnostics)
    {
        foreach (var draft in set.Flows.Values)
        {
            foreach (var name in draft.Flow.Variables.Keys.Where(secure.ContainsKey))
                Report(name, draft.Sources.Find("(variables)", name) ?? draft.Flow.Location, "under variables:");
        }

        foreach (var node in set.AllNodes.InFileOrder())
        {
            var sources = set.DraftOf(node).Sources;
            switch (node)
            {
                case CollectNode { Secure: false } collect when secure.ContainsKey(collect.Into):
                    Report(collect.Into, sources.Of(collect, "into"), $"by collect '{collect.Name}' without secure: true");
                    break;
                case MenuNode { OptionsFrom: { } generated } menu when secure.ContainsKey(generated.Into):
                    Report(generated.Into, sources.Of(menu, "into"), $"by menu '{menu.Name}'");
                    break;
                case RecordNode record when secure.ContainsKey(record.Into):
                    Report(record.Into, sources.Of(record, "into"), $"by record '{record.Name}'");
                    break;
                case LookupNode lookup:
                    foreach (var (field, variable) in lookup.Outputs.Where(o => secure.ContainsKey(o.Value)))
                        Report(variable, sources.Of(lookup, $"outputs/{field}"), $"by lookup '{lookup.Name}'");
                    break;
            }
        }

        void Report(string name, SourceLocation at, string how) =>
            diagnostics.Add(Diagnostic.Error(at,
                $"variable '{name}' is set here {how} as a plain value, but it also holds a secure value ({secure[name].Why}); give the secure value its own variable name, or mark this one secure"));
    }

    private sealed record SecureOrigin(SourceLocation At, string Why);
}
