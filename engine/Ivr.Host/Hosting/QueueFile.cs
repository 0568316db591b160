using Ivr.Flows.Model;
using Ivr.Telephony.Transfers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Hosting;

/// <summary>
/// Reads the operators' queue table (<c>deploy/queues.yaml</c>): which SIP URI answers each queue a
/// flow's transfer node names. Format: <c>queues: { general: "sip:agents@10.0.0.5" }</c> (or, per queue,
/// <c>{ uri: "sip:…", bridge: fallback|true|false }</c>: bridge when REFER is refused — the default —, always, or
/// never), an optional <c>notify_timeout: 30s</c> and <c>bridge_ring_timeout: 30s</c>, and <c>trusted_pbx: [host, …]</c>:
/// the agents' PBX hosts an assisted check may return a caller to (flows/agent_assist.yaml). Problems come back as one
/// message naming the file and line.
/// </summary>
public static class QueueFile
{
    public static TransferTargets Read(string path)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path)) stream.Load(reader);
            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new InvalidDataException($"{path}:1:1: expected 'queues:' with queue: sip-uri entries");
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }

        var queues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var bridging = new Dictionary<string, BridgeMode>(StringComparer.OrdinalIgnoreCase);
        TimeSpan? timeout = null;
        TimeSpan? ringTimeout = null;
        var trusted = new List<string>();
        foreach (var (key, value) in root.Children)
        {
            switch ((key as YamlScalarNode)?.Value)
            {
                case "queues" when value is YamlMappingNode map:
                    foreach (var (queue, entry) in map.Children)
                        ReadQueue(path, ((YamlScalarNode)queue).Value ?? "", entry, queues, bridging);
                    break;
                case "queues":
                    break; // an empty table: every transfer fails over to the flow's on_failure branch
                case "notify_timeout" when Duration.TryParse((value as YamlScalarNode)?.Value, out var t):
                    timeout = t;
                    break;
                case "bridge_ring_timeout" when Duration.TryParse((value as YamlScalarNode)?.Value, out var r):
                    ringTimeout = r;
                    break;
                case "trusted_pbx" when value is YamlSequenceNode hosts:
                    trusted.AddRange(hosts.Children.Select(h => (h as YamlScalarNode)?.Value ?? throw new InvalidDataException(
                        $"{path}:{h.Start.Line}:{h.Start.Column}: trusted_pbx: expected a host name or address")));
                    break;
                case "trusted_pbx" when value is YamlScalarNode { Value: null or "" }:
                    break;
                default:
                    throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: unknown or malformed entry; expected queues:, notify_timeout:, bridge_ring_timeout: and trusted_pbx:");
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
        foreach (var (key, value) in map.Children)
        {
            var text = (value as YamlScalarNode)?.Value;
            switch ((key as YamlScalarNode)?.Value)
            {
                case "uri":
                    queues[queue] = text ?? "";
                    break;
                case "bridge":
                    bridging[queue] = text?.ToLowerInvariant() switch
                    {
                        "fallback" => BridgeMode.Fallback,
                        "true" or "always" => BridgeMode.Always,
                        "false" or "never" => BridgeMode.Never,
                        _ => throw new InvalidDataException($"{path}:{value.Start.Line}:{value.Start.Column}: queue '{queue}': bridge must be fallback, true (always) or false (never), not '{text}'"),
                    };
                    break;
                default:
                    throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: queue '{queue}': unknown entry; expected uri: and bridge:");
            }
        }
    }
}
