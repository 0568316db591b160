using System.Text.RegularExpressions;
using Ivr.Flows.Expressions;
using Ivr.Flows.Loading.Yaml;

namespace Ivr.Flows.Loading;

/// <summary>
/// What reading one flow file collects besides the nodes: diagnostics, every target and prompt list
/// (for the linker) and the source map. Also turns YAML values into targets, prompts and expressions.
/// </summary>
internal sealed partial class FlowFileContext(string path, string flowName, ICollection<Diagnostic> diagnostics)
{
    public string Path { get; } = path;

    public string FlowName { get; set; } = flowName;

    public ICollection<Diagnostic> Diagnostics { get; } = diagnostics;

    public List<Target> Targets { get; } = [];

    /// <summary>Every prompt list written, with where each of its ids stands.</summary>
    public List<PromptUse> PromptLists { get; } = [];

    public SourceMap Sources { get; } = new();

    public void Error(SourceLocation at, string message) => Diagnostics.Add(Diagnostic.Error(at, message));

    public void Warning(SourceLocation at, string message) => Diagnostics.Add(Diagnostic.Warning(at, message));

    /// <summary>A node reference: <c>node</c> or <c>flow.node</c>. Bad text is reported and gives an unlinkable target.</summary>
    public Target ToTarget(YamlValue value, string what)
    {
        if (value is not YamlScalar { Text: { Length: > 0 } text } scalar)
        {
            Error(value.Location, $"{what} must name a node (node or flow.node), not {value.Describe()}");
            return Missing(value.Location);
        }

        if (!TargetPattern().IsMatch(text))
        {
            Error(value.Location, $"{what}: '{text}' is not a node name; write node or flow.node (letters, digits, _ and -)");
            return Missing(value.Location);
        }

        var target = new Target(text, scalar.Location);
        Targets.Add(target);
        return target;
    }

    /// <summary>A target that stands for a field already reported missing or wrong; the linker skips it.</summary>
    public static Target Missing(SourceLocation at) => new("", at);

    /// <summary>One prompt id or a list of ids; null or [] is an empty list.</summary>
    public PromptList ToPrompts(YamlValue value, string what)
    {
        var ids = new List<string>();
        var at = new List<SourceLocation>();
        switch (value)
        {
            case YamlScalar { IsNull: true }:
                break;
            case YamlScalar scalar:
                AddPromptId(scalar, what, ids, at);
                break;
            case YamlList list:
                foreach (var item in list.Items)
                {
                    if (item is YamlScalar { Text: not null } s) AddPromptId(s, what, ids, at);
                    else Error(item.Location, $"{what}: each entry must be a prompt id, not {item.Describe()}");
                }

                break;
            default:
                Error(value.Location, $"{what} must be a prompt id or a list of prompt ids, not {value.Describe()}");
                break;
        }

        var prompts = new PromptList(ids, value.Location);
        PromptLists.Add(new PromptUse(prompts, at));
        return prompts;
    }

    /// <summary>An expression; a syntax error is reported at its column in the file and gives null.</summary>
    public Expression? ToExpression(YamlValue value, string what)
    {
        if (value is not YamlScalar { Text: not null } scalar)
        {
            Error(value.Location, $"{what} must be an expression (e.g. tries + 1 or 'text'), not {value.Describe()}");
            return null;
        }

        try
        {
            var expression = Expression.Parse(scalar.Text);
            Sources.Add(expression, scalar.Location);
            return expression;
        }
        catch (ExpressionSyntaxException e)
        {
            Error(scalar.At(e.Column), $"{what}: expression error: {e.Message} in '{scalar.Text}'");
            return null;
        }
    }

    private void AddPromptId(YamlScalar scalar, string what, List<string> ids, List<SourceLocation> at)
    {
        if (string.IsNullOrWhiteSpace(scalar.Text) || scalar.Text.Any(char.IsWhiteSpace))
        {
            Error(scalar.Location, $"{what}: '{scalar.Text}' is not a prompt id (ids have no spaces; see the prompt catalog)");
            return;
        }

        ids.Add(scalar.Text);
        at.Add(scalar.Location);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*(\.[A-Za-z_][A-Za-z0-9_\-]*)?$")]
    private static partial Regex TargetPattern();
}
