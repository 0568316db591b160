using System.Net;
using Ivr.Host.Settings;
using Ivr.Sip.Auth;
using Ivr.Sip.Transport;
using Ivr.Telephony.Outbound;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Hosting;

/// <summary>
/// Reads the outbound trunk (<c>deploy/trunk.yaml</c>): <c>address</c> (IP:port), <c>transport</c>, <c>domain</c>,
/// <c>from_user</c>, <c>username</c> with <c>password</c> or <c>password_env</c> (the name of an environment
/// variable), <c>ring_timeout</c> and <c>number_rules</c> (<c>{ prefix, strip, prepend }</c>). Without
/// <c>address</c> no trunk is configured (null). Problems come back as one message naming the file and line
/// (<see cref="SettingsYaml"/>); the password never appears in one.
/// </summary>
public static class TrunkFile
{
    private static readonly string[] Fields =
        ["address", "transport", "domain", "from_user", "username", "password", "password_env", "ring_timeout", "number_rules"];

    private static readonly string[] RuleFields = ["prefix", "strip", "prepend"];

    public static TrunkOptions? Read(string path, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        const string expected = "address:, username:… (see deploy/trunk.yaml)";
        var root = SettingsYaml.Mapping(path, expected) ?? throw new InvalidDataException($"{path}:1:1: expected {expected}");

        IPEndPoint? address = null;
        var transport = SipTransportKind.Udp;
        string? domain = null, fromUser = null, username = null, password = null;
        var ringTimeout = TimeSpan.FromSeconds(60);
        var rules = new List<NumberRule>();
        foreach (var field in SettingsYaml.FieldsOf(path, root, Fields))
        {
            var text = field.Key == "number_rules" ? null : field.Value is YamlScalarNode scalar ? scalar.Value : field.Text;
            var at = field.At;
            switch (field.Key)
            {
                case "address" when text is not null:
                    address = IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0 ? endPoint
                        : throw new InvalidDataException($"{at}: address must be IP:port (no DNS), not '{text}'");
                    break;
                case "transport":
                    transport = text?.ToLowerInvariant() switch
                    {
                        "udp" => SipTransportKind.Udp,
                        "tcp" => SipTransportKind.Tcp,
                        _ => throw new InvalidDataException($"{at}: transport must be udp or tcp, not '{text}'"),
                    };
                    break;
                case "domain":
                    domain = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
                    break;
                case "from_user":
                    fromUser = text;
                    break;
                case "username":
                    username = text;
                    break;
                case "password":
                    password = text;
                    break;
                case "password_env":
                    password = environment(text ?? "") ?? throw new InvalidDataException($"{at}: the environment variable '{text}' named by password_env is not set");
                    break;
                case "ring_timeout":
                    ringTimeout = Ivr.Flows.Model.Duration.TryParse(text, out var ring) && ring > TimeSpan.Zero ? ring
                        : throw new InvalidDataException($"{at}: ring_timeout must be a positive duration such as 60s");
                    break;
                case "number_rules":
                    rules.AddRange(ReadRules(path, field.Value));
                    break;
                default:
                    break; // address empty: no trunk
            }
        }

        if (address is null) return null;
        if (username is not null && password is null) throw new InvalidDataException($"{path}: username '{username}' needs password: or password_env:");
        if (fromUser is not null && fromUser.Length == 0) throw new InvalidDataException($"{path}: from_user must not be empty");
        return new TrunkOptions
        {
            Address = address,
            Transport = transport,
            Domain = domain,
            FromUser = fromUser ?? "12333",
            Credentials = username is null ? null : new DigestCredentials(username, password!),
            RingTimeout = ringTimeout,
            NumberRules = rules,
        };
    }

    private static IEnumerable<NumberRule> ReadRules(string path, YamlNode node)
    {
        if (node is YamlScalarNode { Value: null or "" }) yield break;
        if (node is not YamlSequenceNode list) throw new InvalidDataException($"{path}:{node.Start.Line}:{node.Start.Column}: number_rules must be a list of {{ prefix, strip, prepend }}");
        foreach (var item in list.Children)
        {
            var at = $"{path}:{item.Start.Line}:{item.Start.Column}";
            if (item is not YamlMappingNode map) throw new InvalidDataException($"{at}: a number rule is {{ prefix, strip, prepend }}");
            string? prefix = null, prepend = "";
            var strip = 0;
            foreach (var field in SettingsYaml.FieldsOf(path, map, RuleFields))
            {
                switch (field.Key)
                {
                    case "prefix": prefix = field.Text; break;
                    case "prepend": prepend = field.Text; break;
                    default: strip = field.Int(); break;
                }
            }

            if (string.IsNullOrEmpty(prefix) || !prefix.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#'))
                throw new InvalidDataException($"{at}: a number rule needs a prefix of digits");
            yield return new NumberRule(prefix, strip, prepend);
        }
    }
}
