using Ivr.Flows.Model;
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
            StarAs = ReadStarAs(f),
            Validators = DigitValidatorReader.Read(f),
            Secure = f.Flag("secure") ?? false,
            Mask = ReadMask(f),
            Next = f.Target("next", required: true)!,
        };
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
