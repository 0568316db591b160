using Ivr.Host.Settings;
using Ivr.Telephony.Transfers;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Hosting;

/// <summary>
/// Reads the operators' queue table (<c>deploy/queues.yaml</c>): which SIP URI answers each queue a
/// flow's transfer node names. Format: <c>queues: { general: "sip:agents@10.0.0.5" }</c> (or, per queue,
/// <c>{ uri: "sip:…", bridge: fallback|true|false }</c>: bridge when REFER is refused — the default —, always, or
/// never), an optional <c>notify_timeout: 30s</c> and <c>bridge_ring_timeout: 30s</c>, and <c>trusted_pbx: [host, …]</c>:
/// the agents' PBX hosts an assisted check may return a caller to (flows/agent_assist.yaml). Problems come back as one
/// message naming the file and line (<see cref="SettingsYaml"/>).
/// </summary>
public static class QueueFile
{
    private static readonly string[] Fields = ["queues", "notify_timeout", "bridge_ring_timeout", "trusted_pbx"];
    private static readonly string[] QueueFields = ["uri", "bridge"];

    public static TransferTargets Read(string path)
    {
        const string expected = "'queues:' with queue: sip-uri entries";
        var root = SettingsYaml.Mapping(path, expected) ?? throw new InvalidDataException($"{path}:1:1: expected {expected}");

        var queues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var bridging = new Dictionary<string, BridgeMode>(StringComparer.OrdinalIgnoreCase);
        TimeSpan? timeout = null;
        TimeSpan? ringTimeout = null;
        var trusted = new List<string>();
        foreach (var field in SettingsYaml.FieldsOf(path, root, Fields))
        {
            switch (field.Key, field.Value)
            {
                case ("queues", YamlMappingNode map):
                    foreach (var (queue, entry) in map.Children)
                        ReadQueue(path, ((YamlScalarNode)queue).Value ?? "", entry, queues, bridging);
                    break;
                case ("queues", _) when field.IsEmpty:
                    break; // an empty table: every transfer fails over to the flow's on_failure branch
                case ("queues", _):
                    throw field.Wrong("a table of queue: sip-uri entries");
                case ("notify_timeout", _):
                    timeout = field.Duration("a duration like 30s");
                    break;
                case ("bridge_ring_timeout", _):
                    ringTimeout = field.Duration("a duration like 30s");
                    break;
                case ("trusted_pbx", YamlSequenceNode hosts):
                    trusted.AddRange(hosts.Children.Select(h => (h as YamlScalarNode)?.Value ?? throw new InvalidDataException(
                        $"{path}:{h.Start.Line}:{h.Start.Column}: trusted_pbx: expected a host name or address")));
                    break;
                case ("trusted_pbx", _) when field.IsEmpty:
                    break;
                default:
                    throw new InvalidDataException($"{field.At}: trusted_pbx: expected a list of host names or addresses, like [pbx.example, 10.0.0.5]");
            }
        }

        try
        {
            return new TransferTargets(queues, timeout, bridging, ringTimeout, trusted);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }
    }

    /// <summary>A queue entry: a URI, or a mapping with <c>uri:</c> and <c>bridge:</c>.</summary>
    private static void ReadQueue(string path, string queue, YamlNode entry, Dictionary<string, string> queues, Dictionary<string, BridgeMode> bridging)
    {
        if (entry is YamlScalarNode scalar)
        {
            queues[queue] = scalar.Value ?? "";
            return;
        }

        if (entry is not YamlMappingNode map)
        {
            throw new InvalidDataException($"{path}:{entry.Start.Line}:{entry.Start.Column}: queue '{queue}': expected a SIP URI or uri:/bridge:");
        }

        queues[queue] = "";
        foreach (var field in SettingsYaml.FieldsOf(path, map, QueueFields))
        {
            if (field.Key == "uri")
            {
                queues[queue] = field.Text;
                continue;
            }

            bridging[queue] = field.Text.ToLowerInvariant() switch
            {
                "fallback" => BridgeMode.Fallback,
                "true" or "always" => BridgeMode.Always,
                "false" or "never" => BridgeMode.Never,
                _ => throw new InvalidDataException($"{field.At}: queue '{queue}': bridge must be fallback, true (always) or false (never), not '{field.Text}'"),
            };
        }
    }
}
