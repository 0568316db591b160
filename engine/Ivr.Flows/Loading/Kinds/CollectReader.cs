using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class CollectReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Collect;

    public override IReadOnlyList<string> Fields { get; } =
    [
        .. InputSettingsReader.Fields, "into", "min_length", "max_length", "terminator", "star_as", "validate", "secure", "mask", "next",
    ];

    public override Node Read(FieldReader f, NodeHeader h)
    {
        var input = InputSettingsReader.Read(f, h.Defaults);
        var into = VariableName.Read(f, "into", required: true) ?? "";
        var min = f.Integer("min_length", 1, 64) ?? 1;
        var max = f.Integer("max_length", 1, 64) ?? Math.Max(32, min);
        if (min > max) f.Context.Error(f.Context.Sources.Find(h.Name, "min_length") ?? h.Location, $"{f.Owner}: min_length {min} is more than max_length {max}");
        var terminator = f.Key("terminator", out var terminatorGiven);
        var starAs = ReadStarAs(f);
        if (terminatorGiven && terminator == '*' && starAs is not null)
            f.Context.Error(f.Value("terminator")!.Location, $"{f.Owner}: \"*\" cannot both end the entry (terminator) and stand for {starAs} (star_as); choose \"#\" as the terminator");
        var validators = DigitValidatorReader.Read(f);
        CheckLengths(f, validators, min, max);
        return new CollectNode
        {
            Name = h.Name,
            Flow = h.Flow,
            Location = h.Location,
            Input = input,
            Into = into,
            MinLength = min,
            MaxLength = max,
            Terminator = terminatorGiven ? terminator : '#',
            StarAs = starAs,
            Validators = validators,
            Secure = f.Flag("secure") ?? false,
            Mask = ReadMask(f),
            Next = f.Target("next", required: true)!,
        };
    }

    /// <summary>A length: or cn-resident-id check that no entry between min_length and max_length can pass.</summary>
    private static void CheckLengths(FieldReader f, IReadOnlyList<DigitValidator> validators, int min, int max)
    {
        foreach (var validator in validators)
        {
            var lengths = validator.Name switch
            {
                "length" => validator.Argument!.Split('|').Select(int.Parse).ToArray(),
                "cn-resident-id" => [18],
                _ => [],
            };
            if (lengths.Length == 0 || lengths.Any(n => n >= min && n <= max)) continue;
            f.Context.Error(f.Value("validate")!.Location,
                $"{f.Owner}: check '{validator.Name}' wants {string.Join(" or ", lengths)} digits, but min_length/max_length allow {min} to {max}; make them agree");
        }
    }

    private static char? ReadStarAs(FieldReader f)
    {
        var text = f.Text("star_as");
        if (text is null or "") return null;
        if (text.Length == 1 && !char.IsWhiteSpace(text[0])) return text[0];
        f.Context.Error(f.Value("star_as")!.Location, $"{f.Owner}: 'star_as' must be one character (e.g. X), not '{text}'");
        return null;
    }

    private static MaskStyle ReadMask(FieldReader f)
    {
        var text = f.Text("mask");
        if (text is null) return MaskStyle.Secret;
        if (MaskNames.TryParse(text, out var mask)) return mask;
        f.Context.Error(f.Value("mask")!.Location,
            $"{f.Owner}: unknown mask '{text}'{Validation.NameSuggester.Hint(text, MaskNames.All)} (masks: {string.Join(", ", MaskNames.All)})");
        return MaskStyle.Secret;
    }
}
