using Ivr.Core.Calendar;
using Ivr.Core.Channel;
using Ivr.Core.Speech;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Flows.Validation;

namespace Ivr.Runtime.Tests.Support;

/// <summary>
/// Builds flow model objects directly, for the cases the loader (rightly) refuses: ambiguous menu
/// keys, loops that never wait, secure values in a transfer's context, a calendar without calendar.yaml.
/// Every prompt lasts 1 s, like the fixtures' catalog.
/// </summary>
internal sealed class ModelBuilder(string flow = "main")
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly List<Target> _targets = [];
    private int _line;

    public string FlowName => flow;

    public SourceLocation At() => new($"{flow}.yaml", ++_line, 3);

    public Target To(string node)
    {
        var target = new Target(node, At());
        _targets.Add(target);
        return target;
    }

    public static Prompt Prompt(string id) => new(id, id, TestPrompts.Length, ReadOnlyMemory<short>.Empty);

    public static PromptList Prompts(params string[] ids) => new(ids, default) { Resolved = [.. ids.Select(Prompt)] };

    public InputSettings Input(string prompt, string onFail, int maxTries = 3) => new()
    {
        Prompt = Prompts(prompt),
        Reprompt = PromptList.Empty,
        Invalid = Prompts("invalid"),
        NoInput = Prompts("no_input"),
        MaxTries = maxTries,
        OnFail = To(onFail),
    };

    public T Add<T>(T node) where T : Node
    {
        _nodes.Add(node.Name, node);
        return node;
    }

    public GotoNode Goto(string name, string target) => Add(new GotoNode { Name = name, Flow = flow, Location = At(), Target = To(target) });

    public HangupNode Hangup(string name, string prompt = "goodbye", string disposition = "completed") =>
        Add(new HangupNode { Name = name, Flow = flow, Location = At(), Prompt = Prompts(prompt), Disposition = disposition });

    public PlayNode Play(string name, string next, params string[] prompts) =>
        Add(new PlayNode { Name = name, Flow = flow, Location = At(), Prompts = Prompts(prompts), Next = To(next) });

    public MenuNode Menu(string name, string prompt, string onFail, params (string Key, string Target)[] options) =>
        Add(new MenuNode
        {
            Name = name,
            Flow = flow,
            Location = At(),
            Input = Input(prompt, onFail),
            Options = [.. options.Select(o => KeyValuePair.Create(o.Key, To(o.Target)))],
        });

    /// <summary>Links every target to its node and makes the flow set (start: the first node added).</summary>
    public FlowSet Build(ServiceCalendar? calendar = null, string? start = null)
    {
        foreach (var target in _targets)
            target.Node = _nodes.TryGetValue(target.Text, out var node) ? node : throw new InvalidOperationException($"no node {target.Text}");
        var startTarget = new Target(start ?? _nodes.Keys.First(), At()) { Node = _nodes[start ?? _nodes.Keys.First()] };
        var model = new Flow { Name = flow, Path = $"{flow}.yaml", Location = new SourceLocation($"{flow}.yaml", 1, 1), Start = startTarget, Nodes = _nodes };
        return new FlowSet
        {
            Version = "test-model",
            Flows = new Dictionary<string, Flow> { [flow] = model },
            Prompts = MandarinSayAs.FragmentPromptIds.ToDictionary(id => id, Prompt),
            Calendar = calendar,
            Routes = new Dictionary<string, string> { ["*"] = flow },
        };
    }
}
