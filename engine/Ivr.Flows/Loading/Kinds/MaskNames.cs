using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

/// <summary>How <see cref="MaskStyle"/>s are written in YAML.</summary>
internal static class MaskNames
{
    private static readonly Dictionary<string, MaskStyle> ByName = new()
    {
        ["secret"] = MaskStyle.Secret,
        ["resident-id"] = MaskStyle.ResidentId,
        ["phone"] = MaskStyle.Phone,
        ["card"] = MaskStyle.Card,
    };

    public static IReadOnlyCollection<string> All => ByName.Keys;

    public static bool TryParse(string text, out MaskStyle mask) => ByName.TryGetValue(text, out mask);
}
