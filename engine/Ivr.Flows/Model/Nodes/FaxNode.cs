using Ivr.Flows.Expressions;

namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// <c>fax</c>: sends a catalog document to the fax machine on the caller's own line (即时传真) and
/// branches on how it went: <see cref="Sent"/>, <see cref="Failed"/>, or <see cref="Unavailable"/>
/// when the line cannot fax at all (falls back to <see cref="Failed"/> when not given).
/// </summary>
public sealed class FaxNode : Node
{
    public override NodeKind Kind => NodeKind.Fax;

    /// <summary>The document id, usually the variable a generated fax menu filled.</summary>
    public required Expression Document { get; init; }

    public required Target Sent { get; init; }

    public required Target Failed { get; init; }

    public Target? Unavailable { get; init; }

    public override IEnumerable<Transition> Transitions =>
        Unavailable is null
            ? [new(Outcomes.Sent, Sent), new(Outcomes.Failed, Failed)]
            : [new(Outcomes.Sent, Sent), new(Outcomes.Failed, Failed), new(Outcomes.Unavailable, Unavailable)];
}
