using Ivr.Flows.Expressions;

namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// <c>lookup</c>: a named back-end operation. Inputs are expressions; outputs copy result fields into
/// variables. Branches by outcome (<c>ok</c>, <c>not_found</c>, <c>error</c>, <c>timeout</c>, or an
/// operation's own); an outcome with no branch takes <c>error</c>.
/// </summary>
public sealed class LookupNode : Node
{
    public override NodeKind Kind => NodeKind.Lookup;

    public required string Operation { get; init; }

    public required IReadOnlyList<KeyValuePair<string, Expression>> Inputs { get; init; }

    /// <summary>Result field → variable.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Outputs { get; init; }

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Played once if the lookup is still running after <see cref="WaitAfter"/>.</summary>
    public required PromptList WaitPrompt { get; init; }

    public TimeSpan WaitAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Played when a lookup that made the caller wait (the wait prompt played) completes: 感谢您的耐心等待.</summary>
    public PromptList ThanksPrompt { get; init; } = PromptList.Empty;

    /// <summary>Outcome → where it leads, in the order written.</summary>
    public required IReadOnlyList<KeyValuePair<string, Target>> On { get; init; }

    public override IEnumerable<Transition> Transitions => On.Select(o => new Transition(o.Key, o.Value));
}
