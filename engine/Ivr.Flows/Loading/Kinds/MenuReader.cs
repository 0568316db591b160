using Ivr.Flows.Loading.Yaml;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class MenuReader : NodeKindReader
{
    private const string Keys = "0123456789*#";

    public override NodeKind Kind => NodeKind.Menu;

    public override IReadOnlyList<string> Fields { get; } =
        [.. InputSettingsReader.Fields, "options", "back_key", "repeat_key", "back"];

    public override Node Read(FieldReader f, NodeHeader h)
    {
        var input = InputSettingsReader.Read(f, h.Defaults);
        var backKey = f.Key("back_key", out var backGiven);
        var repeatKey = f.Key("repeat_key", out var repeatGiven);
        return new MenuNode
        {
            Name = h.Name,
            Flow = h.Flow,
            Location = h.Location,
            Input = input,
            Options = ReadOptions(f, h.Name),
            BackKey = backGiven ? backKey : h.Defaults.BackKey,
            RepeatKey = repeatGiven ? repeatKey : h.Defaults.RepeatKey,
            Back = f.Target("back"),
        };
    }

    private static List<KeyValuePair<string, Target>> ReadOptions(FieldReader f, string node)
    {
        var options = new List<KeyValuePair<string, Target>>();
        var map = f.SubMap("options", required: true);
        if (map is null) return options;
        if (map.Entries.Count == 0) f.Context.Error(map.Location, $"{f.Owner}: 'options' is empty; give at least one key, e.g. \"1\": next_node");
        foreach (var (key, value) in map.Entries)
        {
            var text = key.Text!;
            if (text.Length == 0 || text.Any(c => !Keys.Contains(c)))
            {
                f.Context.Error(key.Location, $"{f.Owner}: option key '{text}' must be phone keys only: digits 0-9, \"*\" or \"#\" (quote * and #)");
                continue;
            }

            f.Context.Sources.Add(node, $"options/{text}", key.Location);
            options.Add(new(text, f.Context.ToTarget(value, $"{f.Owner}: option '{text}'")));
        }

        return options;
    }
}
