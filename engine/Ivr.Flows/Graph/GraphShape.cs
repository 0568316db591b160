namespace Ivr.Flows.Graph;

/// <summary>How a node is drawn: decisions as diamonds, ends as rounded stadiums, the rest as boxes.</summary>
internal enum GraphShape
{
    Step,
    Decision,
    End,
}
