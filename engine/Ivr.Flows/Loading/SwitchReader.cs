using Ivr.Flows.Loading.Yaml;

namespace Ivr.Flows.Loading;

/// <summary>
/// Reads a flow's <c>switches:</c> section: each entry names a variable of the flow's <c>variables:</c> whose
/// value ("true" or "false") editors flip in the console, with <c>instant: true|false</c> and a description.
/// </summary>
internal static class SwitchReader
{
    public static readonly IReadOnlyList<string> Fields = ["instant", "description"];

    public static List<FlowSwitch> Read(FieldReader top, string flow, IReadOnlyDictionary<string, string> variables)
    {
        var switches = new List<FlowSwitch>();
        var map = top.SubMap("switches");
        if (map is null) return switches;
        foreach (var (key, value) in map.Entries)
        {
            var name = key.Text!;
            if (!variables.TryGetValue(name, out var initial))
            {
                top.Context.Error(key.Location, $"switches: '{name}' must be declared under variables: with its initial value (\"true\" or \"false\")");
                continue;
            }

            if (!FlowSwitch.IsValue(initial))
            {
                top.Context.Error(key.Location, $"switches: '{name}' starts as \"{initial}\" under variables:; a switch is \"true\" or \"false\"");
                continue;
            }

            if (value is YamlScalar { IsNull: true })
            {
                switches.Add(new FlowSwitch(name, flow, Instant: false, null, initial, key.Location));
                continue;
            }

            if (value is not YamlMap entry)
            {
                top.Context.Error(value.Location, $"switches: '{name}' must be a map such as {{ instant: true, description: … }}, not {value.Describe()}");
                continue;
            }

            var fields = new FieldReader(entry, $"switch '{name}'", Fields, top.Context, "(switches)") { OwnerLocation = key.Location };
            switches.Add(new FlowSwitch(name, flow, fields.Flag("instant") ?? false, fields.Text("description"), initial, key.Location));
            fields.ReportUnknownFields();
        }

        return switches;
    }
}
