using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Ivr.Host.Settings;

/// <summary>
/// One field of an operator's settings file (<see cref="SettingsYaml"/>) and where its value stands: numbers, durations
/// (<c>5s</c>, <c>15m</c>, <c>24h</c>, as the flows write them) and periods (<c>180d</c>, <c>26w</c>, <c>1y</c>) are read here,
/// one way for every file, and a wrong value is refused as <c>FILE:LINE:COL: field: what it must be, not 'value'</c>.
/// </summary>
internal sealed record SettingsField(string File, string Key, YamlNode Value)
{
    /// <summary>Where the value stands: <c>FILE:LINE:COL</c>.</summary>
    public string At => $"{File}:{Value.Start.Line}:{Value.Start.Column}";

    /// <summary>The value, trimmed ("" when empty).</summary>
    /// <exception cref="InvalidDataException">A list or mapping where one value belongs.</exception>
    public string Text => Value is YamlScalarNode scalar ? (scalar.Value ?? "").Trim() : throw new InvalidDataException($"{At}: {Key}: expected one value");

    public bool IsEmpty => Value is YamlScalarNode { Value: null or "" };

    public InvalidDataException Wrong(string what) => new($"{At}: {Key}: {what}, not '{Text}'");

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>] ("a whole number" when unbounded).</summary>
    public int Int(int min = 0, int max = int.MaxValue)
        => int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Wrong(min == 0 && max == int.MaxValue ? "a whole number" : $"a whole number from {min} to {max}");

    /// <summary>A duration like <c>5s</c>, <c>15m</c> or <c>24h</c>, within the bounds when given; <paramref name="what"/> is the refusal's wording.</summary>
    public TimeSpan Duration(string what, TimeSpan? min = null, TimeSpan? max = null)
        => Ivr.Flows.Model.Duration.TryParse(Text, out var span) && (min is null || span >= min) && (max is null || span <= max) ? span : throw Wrong(what);

    /// <summary>A period of days, weeks or years (<c>180d</c>, <c>26w</c>, <c>1y</c>), longer than zero.</summary>
    public TimeSpan Period()
    {
        if (!Days.TryParse(Text, out var period)) throw Wrong("a period like 180d, 26w or 1y");
        return period > TimeSpan.Zero ? period : throw Wrong("a period longer than zero");
    }
}
