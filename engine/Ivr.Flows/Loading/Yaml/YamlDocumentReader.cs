using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ivr.Flows.Loading.Yaml;

/// <summary>
/// Reads one YAML file into <see cref="YamlValue"/>s. Syntax errors come back as diagnostics at
/// YamlDotNet's mark; duplicate keys and non-text keys are reported and the first one kept.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>The document's root, or null when the file is empty or does not parse.</summary>
    public static YamlValue? Read(string path, string text, ICollection<Diagnostic> diagnostics)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        var anchors = new Dictionary<string, YamlValue>();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = parser.Accept<DocumentEnd>(out _) ? null : ReadValue(parser, path, anchors, diagnostics);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Add(Diagnostic.Error(At(path, second.Start), "a file holds one document; remove the second '---' and what follows, or move it into its own file"));
            }

            return root;
        }
        catch (YamlException e)
        {
            diagnostics.Add(Diagnostic.Error(At(path, e.Start), $"YAML syntax: {Explain(e)}"));
            return null;
        }
        catch (ArgumentException)
        {
            diagnostics.Add(Diagnostic.Error(At(path, parser.LastEnd), $"YAML syntax: {YamlTagRefusal.Message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. a cut-off flow sequence).
            diagnostics.Add(Diagnostic.Error(At(path, parser.LastEnd),
                "YAML syntax: the file cannot be read after this point; look for an unclosed [ or {, or a missing quote"));
            return null;
        }
    }

    private static YamlValue ReadValue(IParser parser, string path, Dictionary<string, YamlValue> anchors, ICollection<Diagnostic> diagnostics)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var anchored)) return anchored;
            throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor");
        }

        YamlValue value;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            value = ToScalar(path, scalar);
            anchor = scalar.Anchor;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlValue>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadValue(parser, path, anchors, diagnostics));
            value = new YamlList(At(path, sequenceStart.Start), items);
            anchor = sequenceStart.Anchor;
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            value = ReadMap(parser, path, mappingStart, anchors, diagnostics);
            anchor = mappingStart.Anchor;
        }

        if (!anchor.IsEmpty) anchors[anchor.Value] = value;
        return value;
    }

    private static YamlMap ReadMap(IParser parser, string path, MappingStart start, Dictionary<string, YamlValue> anchors, ICollection<Diagnostic> diagnostics)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlValue>>();
        var seen = new Dictionary<string, YamlScalar>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current!.Start;
            var key = ReadValue(parser, path, anchors, diagnostics);
            var value = ReadValue(parser, path, anchors, diagnostics);
            if (key is not YamlScalar { Text: { } text } scalarKey)
            {
                diagnostics.Add(Diagnostic.Error(At(path, keyStart), "a key must be plain text (a name, a digit or a quoted key)"));
                continue;
            }

            if (seen.TryGetValue(text, out var first))
            {
                diagnostics.Add(Diagnostic.Error(scalarKey.Location,
                    $"duplicate key '{text}': it is already used at line {first.Location.Line}; keep only one of them"));
                continue;
            }

            seen[text] = scalarKey;
            entries.Add(new(scalarKey, value));
        }

        return new YamlMap(At(path, start.Start), entries);
    }

    private static YamlScalar ToScalar(string path, Scalar scalar)
    {
        var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
        var isNull = plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL" && !scalar.IsQuotedImplicit;
        var singleLine = scalar.Start.Line == scalar.End.Line && scalar.Style is not (ScalarStyle.Literal or ScalarStyle.Folded);
        return new YamlScalar(At(path, scalar.Start), isNull ? null : scalar.Value, !plain, singleLine);
    }

    private static SourceLocation At(string path, Mark mark) => new(path, (int)mark.Line, (int)mark.Column);

    private static string Explain(YamlException e)
    {
        var message = (e.InnerException as YamlException)?.Message ?? e.Message;
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        message = at >= 0 && message.StartsWith('(') ? message[(at + 3)..] : message;
        if (message.Contains("found character that cannot start any token", StringComparison.Ordinal)
            || message.Contains("alias", StringComparison.OrdinalIgnoreCase))
        {
            message += " (keys and values that start with * & ! % @ or ` must be quoted, e.g. \"*\")";
        }

        return message;
    }
}
