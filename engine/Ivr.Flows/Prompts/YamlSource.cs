using Ivr.Flows.Loading.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Ivr.Flows.Prompts;

/// <summary>
/// Loads an editor's YAML file into YamlDotNet's representation model, turning syntax errors and
/// duplicate keys (all of them, not just the first) into diagnostics with line:column.
/// </summary>
internal static class YamlSource
{
    public static SourceLocation At(this YamlNode node, string path) => new(path, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>The root node of the single document, or null with diagnostics explaining why not.</summary>
    public static YamlNode? Load(string yaml, string path, List<Diagnostic> diagnostics)
    {
        // null: a syntax error, which the loader below reports with its location.
        if (FindDuplicateKeys(yaml, path) is { Count: > 0 } duplicates)
        {
            diagnostics.AddRange(duplicates);
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            diagnostics.Add(Diagnostic.Error(new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column),
                $"YAML syntax error: {message}; check indentation and quote texts that start with special characters"));
            return null;
        }
        catch (ArgumentException)
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(path), $"YAML syntax error: {YamlTagRefusal.Message}"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(SourceLocation.File(path), "the file is empty; see the comments of the committed example for its fields"));
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>Every repeated key of every mapping; null when the text is not even valid YAML.</summary>
    private static List<Diagnostic>? FindDuplicateKeys(string yaml, string path)
    {
        var found = new List<Diagnostic>();
        var frames = new Stack<(Dictionary<string, Mark>? Keys, bool ExpectKey)>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart:
                        frames.Push(([], true));
                        break;
                    case SequenceStart:
                        frames.Push((null, false));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.Pop();
                        Consumed(frames);
                        break;
                    case Scalar scalar:
                        if (frames.TryPeek(out var top) && top.Keys is not null && top.ExpectKey)
                        {
                            if (top.Keys.TryGetValue(scalar.Value, out var first))
                            {
                                found.Add(Diagnostic.Error(new SourceLocation(path, (int)scalar.Start.Line, (int)scalar.Start.Column),
                                    $"duplicate key '{scalar.Value}' (first at line {first.Line}); remove or rename one of them"));
                            }
                            else
                            {
                                top.Keys[scalar.Value] = scalar.Start;
                            }
                        }

                        Consumed(frames);
                        break;
                    case AnchorAlias:
                        Consumed(frames);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or ArgumentException)
        {
            return null;
        }

        return found;
    }

    private static void Consumed(Stack<(Dictionary<string, Mark>? Keys, bool ExpectKey)> frames)
    {
        if (frames.Count == 0) return;
        var (keys, expectKey) = frames.Pop();
        frames.Push((keys, keys is not null && !expectKey));
    }
}
