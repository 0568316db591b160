using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Hosting;

/// <summary>The fields of an operator's settings file under deploy/ (fax.yaml, alerts.yaml): a YAML mapping, or nothing.</summary>
internal static class OperatorYaml
{
    /// <returns>The file's top mapping, or null when the file holds no document (every field at its default).</returns>
    /// <exception cref="InvalidDataException">Not YAML, or not a mapping: the message names the file, line and column, and
    /// <paramref name="example"/> when the top is not a mapping.</exception>
    public static YamlMappingNode? ReadFields(string path, string example)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path)) stream.Load(reader);
            if (stream.Documents.Count == 0) return null;
            return stream.Documents[0].RootNode as YamlMappingNode ?? throw new InvalidDataException($"{path}:1:1: expected fields such as {example}");
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
    }
}
