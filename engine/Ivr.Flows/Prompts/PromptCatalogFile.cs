using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Ivr.Flows.Prompts;

/// <summary>
/// Reads prompts/&lt;language&gt;/catalog.yaml:
/// <code>
/// language: zh-CN
/// voice: cmn-latn-pinyin   # espeak-ng voice
/// prompts:
///   welcome: 您好，欢迎致电…
/// </code>
/// Reports every problem at once (duplicate id, empty text, bad id characters, unknown fields)
/// with its line and column; entries with problems are left out of the catalog.
/// </summary>
public static partial class PromptCatalogFile
{
    private static readonly string[] KnownFields = ["language", "voice", "prompts"];

    public static PromptCatalogLoadResult Load(string path)
    {
        if (!File.Exists(path))
            return new(null, [Diagnostic.Error(SourceLocation.File(path), "prompt catalog not found; create it (see prompts/zh-CN/catalog.yaml)")]);
        return Parse(File.ReadAllText(path), path);
    }

    public static PromptCatalogLoadResult Parse(string yaml, string path)
    {
        var diagnostics = new List<Diagnostic>();
        var root = YamlSource.Load(yaml, path, diagnostics);
        if (root is null) return new(null, diagnostics);
        if (root is not YamlMappingNode mapping)
        {
            diagnostics.Add(Diagnostic.Error(root.At(path), "the catalog must be a mapping with 'language', 'voice' and 'prompts'"));
            return new(null, diagnostics);
        }

        string? language = null, voice = null;
        var prompts = new List<CatalogPrompt>();
        var seen = new HashSet<string>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "language":
                    language = RequiredScalar(value, path, "language", "e.g. 'language: zh-CN'", diagnostics);
                    break;
                case "voice":
                    voice = RequiredScalar(value, path, "voice", "the espeak-ng voice, e.g. 'voice: cmn-latn-pinyin'", diagnostics);
                    if (voice is not null && !VoicePattern().IsMatch(voice))
                        diagnostics.Add(Diagnostic.Error(value.At(path), $"voice '{voice}' has characters espeak-ng voices never use; list voices with 'espeak-ng --voices'"));
                    break;
                case "prompts":
                    ReadPrompts(value, path, prompts, diagnostics);
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error(keyNode.At(path), $"unknown field '{key}'; a catalog has only {string.Join(", ", KnownFields)}"));
                    break;
            }

            seen.Add(key);
        }

        foreach (var field in KnownFields.Where(f => !seen.Contains(f)))
            diagnostics.Add(Diagnostic.Error(mapping.At(path), $"missing field '{field}'; add it at the top level"));

        var catalog = new PromptCatalog(path, language ?? "", voice ?? "", prompts);
        return new(catalog, diagnostics);
    }

    private static void ReadPrompts(YamlNode node, string path, List<CatalogPrompt> prompts, List<Diagnostic> diagnostics)
    {
        if (node is not YamlMappingNode entries)
        {
            diagnostics.Add(Diagnostic.Error(node.At(path), "'prompts' must map each prompt id to its text, e.g. 'welcome: 您好…'"));
            return;
        }

        foreach (var (keyNode, value) in entries.Children)
        {
            var id = (keyNode as YamlScalarNode)?.Value ?? "";
            var ok = true;
            if (!IdPattern().IsMatch(id))
            {
                diagnostics.Add(Diagnostic.Error(keyNode.At(path),
                    $"prompt id '{id}' may use only lowercase letters, digits and '_', start with a letter, at most 64 characters (it names the file {id}.wav); rename it"));
                ok = false;
            }

            var text = (value as YamlScalarNode)?.Value?.Trim();
            if (value is not YamlScalarNode)
            {
                diagnostics.Add(Diagnostic.Error(value.At(path), $"prompt '{id}' must be a single line of text, not a list or mapping"));
                ok = false;
            }
            else if (string.IsNullOrEmpty(text))
            {
                diagnostics.Add(Diagnostic.Error(keyNode.At(path), $"prompt '{id}' has no text; write what it says, or remove it"));
                ok = false;
            }

            if (ok) prompts.Add(new CatalogPrompt(id, text!, keyNode.At(path)));
        }
    }

    private static string? RequiredScalar(YamlNode node, string path, string field, string hint, List<Diagnostic> diagnostics)
    {
        var value = (node as YamlScalarNode)?.Value?.Trim();
        if (!string.IsNullOrEmpty(value)) return value;
        diagnostics.Add(Diagnostic.Error(node.At(path), $"'{field}' must be a non-empty text: {hint}"));
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_+-]+$")]
    private static partial Regex VoicePattern();
}
