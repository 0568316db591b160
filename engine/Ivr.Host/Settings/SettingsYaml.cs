using Ivr.Flows.Loading.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Settings;

/// <summary>
/// The one reader of the operators' small YAML settings files under deploy/ (retention, backup, alerts, fax, limits,
/// trunk, queues): a mapping of known fields, or nothing (every field at its default). Every refusal is an
/// <see cref="InvalidDataException"/> <c>FILE:LINE:COL: message</c>, as the flow validator writes them; an unknown field is
/// refused with the list of known ones (a typo would otherwise leave a setting silently at its default). Each file keeps
/// only its schema; values are read by <see cref="SettingsField"/>.
/// </summary>
internal static class SettingsYaml
{
    /// <summary>The fields of <paramref name="path"/> in the order written; empty when the file holds no document.</summary>
    /// <param name="expected">What the top should look like, for the message when it is not a mapping ("fields such as hour: 3").</param>
    /// <exception cref="InvalidDataException">Not YAML, not a mapping, or a field not in <paramref name="known"/>.</exception>
    public static IReadOnlyList<SettingsField> Fields(string path, IReadOnlyCollection<string> known, string expected)
        => Mapping(path, expected) is { } root ? FieldsOf(path, root, known) : [];

    /// <summary>The file's top mapping, or null when it holds no document (or an empty one).</summary>
    /// <exception cref="InvalidDataException">Not YAML, or the top is not a mapping.</exception>
    public static YamlMappingNode? Mapping(string path, string expected)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"{path}:1:1: {YamlTagRefusal.Message}");
        }

        var root = stream.Documents.FirstOrDefault()?.RootNode;
        return root switch
        {
            null or YamlScalarNode { Value: null or "" } => null,
            YamlMappingNode mapping => mapping,
            _ => throw new InvalidDataException($"{path}:{root.Start.Line}:{root.Start.Column}: expected {expected}"),
        };
    }

    /// <summary>The entries of a mapping (the file's top, or one nested in it) as fields, each key one of <paramref name="known"/>.</summary>
    public static IReadOnlyList<SettingsField> FieldsOf(string path, YamlMappingNode mapping, IReadOnlyCollection<string> known)
    {
        var fields = new List<SettingsField>(mapping.Children.Count);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
                throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: unknown field '{name}'; the fields are {string.Join(", ", known)}");
            fields.Add(new SettingsField(path, name, value));
        }

        return fields;
    }
}
