using System.Globalization;
using System.Text.RegularExpressions;
using Ivr.Flows.Loading.Yaml;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

/// <summary>
/// A collect's <c>validate:</c>: <c>cn-resident-id</c>, <c>luhn</c>, <c>cn-fax-number</c> (area code and
/// local number, or a mobile number), <c>clock-time</c> (HHMM), <c>length:12|10</c> (one of the
/// lengths) or <c>regex:^[0-9]{6}$</c>; one or a list.
/// </summary>
internal static class DigitValidatorReader
{
    public static readonly IReadOnlyList<string> Names = ["cn-resident-id", "luhn", "length", "regex", "cn-fax-number", "clock-time"];

    public static IReadOnlyList<DigitValidator> Read(FieldReader f)
    {
        var value = f.Value("validate");
        var items = value switch
        {
            null or YamlScalar { IsNull: true } => [],
            YamlList list => list.Items,
            _ => [value],
        };
        var validators = new List<DigitValidator>();
        foreach (var item in items)
        {
            if (item is YamlScalar { Text: { } text } && Parse(text, out var validator, out var problem)) validators.Add(validator);
            else f.Context.Error(item.Location, $"{f.Owner}: 'validate': {(item is YamlScalar { Text: { } t } ? Problem(t) : $"each check must be text, not {item.Describe()}")}");
        }

        return validators;
    }

    private static string Problem(string text)
    {
        Parse(text, out _, out var problem);
        return problem;
    }

    private static bool Parse(string text, out DigitValidator validator, out string problem)
    {
        validator = new DigitValidator(text);
        problem = "";
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        var argument = colon < 0 ? null : text[(colon + 1)..];
        switch (name)
        {
            case "cn-resident-id" or "luhn" or "cn-fax-number" or "clock-time" when argument is null:
                validator = new DigitValidator(name);
                return true;
            case "length" when argument is not null && argument.Split('|').All(IsLength):
            case "regex" when argument is not null && IsRegex(argument):
                validator = new DigitValidator(name, argument);
                return true;
            case "length":
                problem = $"'{text}' needs lengths after the colon, e.g. length:12|10";
                return false;
            case "regex":
                problem = $"'{text}' needs a valid regular expression after the colon, e.g. regex:^[0-9]{{6}}$";
                return false;
            case "cn-resident-id" or "luhn" or "cn-fax-number" or "clock-time":
                problem = $"'{name}' takes nothing after it; write just {name}";
                return false;
            default:
                problem = $"unknown check '{name}'{NameSuggester.Hint(name, Names)} (checks: cn-resident-id, luhn, cn-fax-number, clock-time, length:N|M, regex:PATTERN)";
                return false;
        }
    }

    private static bool IsLength(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 64;

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return pattern.Length > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
