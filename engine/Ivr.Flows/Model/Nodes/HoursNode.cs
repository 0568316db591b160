namespace Ivr.Flows.Model.Nodes;

/// <summary><c>hours</c>: checks a schedule of the calendar now; holiday falls back to closed when not given.</summary>
public sealed class HoursNode : Node
{
    public override NodeKind Kind => NodeKind.Hours;

    public required string Schedule { get; init; }

    public required Target Open { get; init; }

    public required Target Closed { get; init; }

    public Target? Holiday { get; init; }

    public override IEnumerable<Transition> Transitions =>
        Holiday is null
            ? [new(Outcomes.Open, Open), new(Outcomes.Closed, Closed)]
            : [new(Outcomes.Open, Open), new(Outcomes.Closed, Closed), new(Outcomes.Holiday, Holiday)];
}
