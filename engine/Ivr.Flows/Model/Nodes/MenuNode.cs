namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// <c>menu</c>: a prompt and keys. Keys may be several digits long, but none is the start of another
/// (the validator refuses <c>1</c> with <c>12</c>: after 1 the menu could not know whether 2 follows),
/// so the runtime takes a key as soon as its last digit arrives. <see cref="BackKey"/> returns to the
/// menu the caller came from; <see cref="RepeatKey"/> plays the prompt again without counting a try.
/// </summary>
public sealed class MenuNode : Node
{
    private IReadOnlyList<KeyValuePair<string, Target>> _options = [];

    public override NodeKind Kind => NodeKind.Menu;

    public required InputSettings Input { get; init; }

    /// <summary>Key → where it leads, in the order written (for a generated menu: one key per catalog entry, filled when the set is linked).</summary>
    public IReadOnlyList<KeyValuePair<string, Target>> Options { get => _options; init => _options = value; }

    /// <summary>Where the keys come from when they are generated from a catalog; null for written options.</summary>
    public GeneratedOptions? OptionsFrom { get; init; }

    /// <summary>The keys a flow without <c>defaults:</c> gets.</summary>
    public const char DefaultBackKey = '*';

    public const char DefaultRepeatKey = '#';

    public char? BackKey { get; init; } = DefaultBackKey;

    public char? RepeatKey { get; init; } = DefaultRepeatKey;

    /// <summary>Where <see cref="BackKey"/> leads; null: the previous menu of the call (or this one when there is none).</summary>
    public Target? Back { get; init; }

    public override IEnumerable<Transition> Transitions
    {
        get
        {
            foreach (var (key, target) in Options) yield return new(key, target);
            yield return new(Outcomes.Invalid, null);
            yield return new(Outcomes.NoInput, null);
            yield return new(Outcomes.Failed, Input.OnFail);
            if (BackKey is not null) yield return new(Outcomes.Back, Back);
        }
    }

    /// <summary>The linker's one chance to give a generated menu its keys.</summary>
    internal void Generate(IReadOnlyList<KeyValuePair<string, Target>> options) => _options = options;
}
