namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// <c>collect</c>: a digit string into a variable. Ends on the terminator, at the maximum length or
/// after the inter-digit timeout; then its validators run. <c>secure: true</c> masks the value in
/// every event, log and script.
/// </summary>
public sealed class CollectNode : Node
{
    public override NodeKind Kind => NodeKind.Collect;

    public required InputSettings Input { get; init; }

    public required string Into { get; init; }

    public int MinLength { get; init; } = 1;

    public int MaxLength { get; init; } = 32;

    public char? Terminator { get; init; } = '#';

    /// <summary>What <c>*</c> is typed as (<c>X</c> for resident IDs); null: <c>*</c> is not accepted.</summary>
    public char? StarAs { get; init; }

    public IReadOnlyList<DigitValidator> Validators { get; init; } = [];

    public bool Secure { get; init; }

    public MaskStyle Mask { get; init; } = MaskStyle.Secret;

    public required Target Next { get; init; }

    public override IEnumerable<Transition> Transitions =>
    [
        new(Outcomes.Next, Next),
        new(Outcomes.Invalid, null),
        new(Outcomes.NoInput, null),
        new(Outcomes.Failed, Input.OnFail),
    ];
}
