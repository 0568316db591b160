using Ivr.Flows.Expressions;

namespace Ivr.Flows.Loading;

/// <summary>
/// Where the parts of a flow that the model keeps no location for were written (expressions, keys,
/// single fields), so that validation can point at them.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<Expression, SourceLocation> _expressions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SourceLocation> _fields = [];

    public void Add(Expression expression, SourceLocation at) => _expressions[expression] = at;

    public void Add(string node, string field, SourceLocation at) => _fields[$"{node}/{field}"] = at;

    public SourceLocation Of(Expression expression, SourceLocation fallback) => _expressions.GetValueOrDefault(expression, fallback);

    /// <summary>Where <paramref name="field"/> (e.g. <c>max_tries</c> or <c>options/12</c>) of a node was written; the node itself if unknown.</summary>
    public SourceLocation Of(Node node, string field) => _fields.GetValueOrDefault($"{node.Name}/{field}", node.Location);

    public SourceLocation? Find(string node, string field) => _fields.TryGetValue($"{node}/{field}", out var at) ? at : null;
}
