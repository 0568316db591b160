using Ivr.Flows.Model;
using Ivr.Telephony.Transfers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Hosting;

/// <summary>
/// Reads the operators' queue table (<c>deploy/queues.yaml</c>): which SIP URI answers each queue a
/// flow's transfer node names. Format: <c>queues: { general: "sip:agents@10.0.0.5" }</c> and an
/// optional <c>notify_timeout: 30s</c>. Problems come back as one message naming the file and line.
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
        TimeSpan? timeout = null;
        foreach (var (key, value) in root.Children)
        {
            switch ((key as YamlScalarNode)?.Value)
            {
                case "queues" when value is YamlMappingNode map:
                    foreach (var (queue, uri) in map.Children)
                        queues[((YamlScalarNode)queue).Value ?? ""] = (uri as YamlScalarNode)?.Value ?? "";
                    break;
                case "queues":
                    break; // an empty table: every transfer fails over to the flow's on_failure branch
                case "notify_timeout" when Duration.TryParse((value as YamlScalarNode)?.Value, out var t):
                    timeout = t;
                    break;
                default:
                    throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: unknown or malformed entry; expected queues: and notify_timeout:");
            }
        }

        try
        {
            return new TransferTargets(queues, timeout);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}");
        }
    }
}
