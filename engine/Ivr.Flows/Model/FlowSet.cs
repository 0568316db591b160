using Ivr.Core.Calendar;
using Ivr.Core.Channel;

namespace Ivr.Flows.Model;

/// <summary>
/// Everything a call needs, loaded, validated and linked as one: flows, prompts, calendar and routes.
/// Immutable once built; hot reload swaps a whole new set. <see cref="Version"/> is a hash of the content.
/// </summary>
public sealed class FlowSet
{
    public required string Version { get; init; }

    public required IReadOnlyDictionary<string, Flow> Flows { get; init; }

    public required IReadOnlyDictionary<string, Prompt> Prompts { get; init; }

    public ServiceCalendar? Calendar { get; init; }

    /// <summary>The fax-back documents (flows/fax_documents.yaml); empty when there is no catalog.</summary>
    public Fax.FaxCatalog FaxDocuments { get; init; } = Fax.FaxCatalog.Empty;

    /// <summary>Dialled number → flow name; <c>*</c> for any other number.</summary>
    public required IReadOnlyDictionary<string, string> Routes { get; init; }

    /// <summary>The flow that answers <paramref name="dialled"/>, or null when no route matches.</summary>
    public Flow? FlowFor(string dialled)
    {
        if (Routes.TryGetValue(dialled, out var name) || Routes.TryGetValue("*", out name))
            return Flows.GetValueOrDefault(name);
        return null;
    }

    public IEnumerable<Node> AllNodes => Flows.Values.SelectMany(f => f.Nodes.Values);

    /// <summary>The node named <c>flow.node</c>, or null.</summary>
    public Node? FindNode(string id) => NodesById.GetValueOrDefault(id);

    private Dictionary<string, Node> NodesById => field ??= AllNodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

    /// <summary>Every flow's editor switches, by name (names are unique across the set: the validator says so).</summary>
    public IReadOnlyDictionary<string, FlowSwitch> Switches => field ??= Flows.Values.SelectMany(f => f.Switches)
        .GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The queues that transfer nodes name.</summary>
    public IReadOnlySet<string> Queues => field ??= AllNodes.OfType<Nodes.TransferNode>().Select(t => t.Queue).ToHashSet(StringComparer.Ordinal);
}
