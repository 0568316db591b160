using Ivr.Flows.Loading.Yaml;
using Ivr.Flows.Model.Fax;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class MenuReader : NodeKindReader
{
    private const string Keys = "0123456789*#";

    public override NodeKind Kind => NodeKind.Menu;

    public override IReadOnlyList<string> Fields { get; } =
        [.. InputSettingsReader.Fields, .. FlowDefaults.KeyFields, "options", "options_from", "into", "next", "back"];

    public override Node Read(FieldReader f, NodeHeader h)
    {
        var input = InputSettingsReader.Read(f, h.Defaults);
        var keys = h.Defaults.KeysOverriddenBy(f);
        var generated = ReadGenerated(f);
        return new MenuNode
        {
            Name = h.Name,
            Flow = h.Flow,
            Location = h.Location,
            Input = input,
            Options = generated is null ? ReadOptions(f, h.Name) : [],
            OptionsFrom = generated,
            BackKey = keys.BackKey,
            RepeatKey = keys.RepeatKey,
            Back = f.Target("back"),
        };
    }

    /// <summary><c>options_from</c> with its <c>into</c> and <c>next</c>; null for a menu with written options.</summary>
    private static GeneratedOptions? ReadGenerated(FieldReader f)
    {
        if (!f.Has("options_from"))
        {
            foreach (var field in new[] { "into", "next" })
            {
                if (f.Value(field) is { } stray)
                    f.Context.Error(stray.Location, $"{f.Owner}: '{field}' belongs to a menu generated with options_from; a menu with options: leads each key where it says");
            }

            return null;
        }

        if (f.Value("options") is { } both)
            f.Context.Error(both.Location, $"{f.Owner}: give either options: (keys written here) or options_from: (keys from a catalog), not both");
        var source = f.Text("options_from", required: true) ?? "";
        if (source.Length > 0 && source != FaxCatalog.OptionsSourceName)
        {
            f.Context.Error(f.Value("options_from")!.Location,
                $"{f.Owner}: options_from '{source}' is not a catalog{NameSuggester.Hint(source, [FaxCatalog.OptionsSourceName])} (catalogs: {FaxCatalog.OptionsSourceName})");
        }

        var into = VariableName.Read(f, "into", required: true) ?? "";
        return new GeneratedOptions(source, into, f.Target("next", required: true)!);
    }

    private static List<KeyValuePair<string, Target>> ReadOptions(FieldReader f, string node)
    {
        var options = new List<KeyValuePair<string, Target>>();
        var map = f.SubMap("options", required: !f.Has("options_from"));
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
