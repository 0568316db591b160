namespace Ivr.Core.Channel;

/// <summary>
/// The INVITE headers with which the agents' PBX sends a caller to the IVR for an assisted check (issue 16):
/// <c>X-Ivr-Return: &lt;sip:agent1001@pbx&gt;</c> (whom to transfer the caller back to) and
/// <c>X-Ivr-Purpose: verify|loss_report|pin_change</c>. Only these are passed on, each cut to <see cref="MaxLength"/>
/// characters; the flow checks them (<c>assist.check_return</c>), nothing here trusts them.
/// </summary>
public static class AssistHeaders
{
    public const string Return = "X-Ivr-Return";
    public const string Purpose = "X-Ivr-Purpose";
    public const int MaxLength = 256;

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static IReadOnlyList<string> Names { get; } = [Return, Purpose];

    /// <summary>The assist headers present, by <see cref="Names"/>; values trimmed, control characters dropped, bounded.</summary>
    public static IReadOnlyDictionary<string, string> From(Func<string, string?> header)
    {
        Dictionary<string, string>? found = null;
        foreach (var name in Names)
        {
            if (header(name) is not { } raw) continue;
            var clean = new string(raw.Where(c => !char.IsControl(c)).ToArray()).Trim();
            (found ??= new(StringComparer.Ordinal))[name] = clean.Length > MaxLength ? clean[..MaxLength] : clean;
        }

        return found ?? None;
    }
}
