using System.Globalization;
using System.Text.RegularExpressions;

namespace Ivr.Host.Tests.Metrics;

/// <summary>
/// Prometheus text exposition (format 0.0.4) read strictly: every line is blank, a <c># HELP</c> / <c># TYPE</c> line,
/// or a sample <c>name{label="value",…} number</c>; anything else fails the test. Samples are then found by name and labels.
/// </summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusText(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("# HELP ", StringComparison.Ordinal)) continue;
            if (TypeLine().Match(line) is { Success: true } type)
            {
                Assert.True(types.TryAdd(type.Groups[1].Value, type.Groups[2].Value), $"TYPE given twice: {line}");
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not Prometheus text: '{line}'");
            var labels = LabelPair().Matches(sample.Groups[2].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            _samples.Add((sample.Groups[1].Value, labels, ParseValue(sample.Groups[3].Value)));
        }

        Types = types;
    }

    /// <summary>Each metric family's TYPE (counter, gauge, histogram…).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IEnumerable<string> Names => _samples.Select(s => s.Name).Distinct();

    /// <summary>The one sample named <paramref name="name"/> with all of <paramref name="labels"/> ("k=v"); null when none.</summary>
    public double? Value(string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToArray();
        var found = _samples.Where(s => s.Name == name && wanted.All(w => s.Labels.TryGetValue(w[0], out var v) && v == w[1])).ToList();
        Assert.True(found.Count <= 1, $"{found.Count} samples of {name} {string.Join(",", labels)}");
        return found.Count == 0 ? null : found[0].Value;
    }

    /// <summary>Every label value of <paramref name="label"/> on samples named <paramref name="name"/>.</summary>
    public IReadOnlyList<string> LabelValues(string name, string label) =>
        [.. _samples.Where(s => s.Name == name && s.Labels.ContainsKey(label)).Select(s => s.Labels[label])];

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*"",?)*)\})? ([^ ]+)(?: -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
