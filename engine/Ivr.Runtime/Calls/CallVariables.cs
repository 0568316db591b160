using System.Text;
using Ivr.Core.Channel;
using Ivr.Core.Privacy;
using Ivr.Flows.Expressions;

namespace Ivr.Runtime.Calls;

/// <summary>
/// A call's variables. Values set from secure input (or computed from it) are remembered as secure
/// with their mask, and <see cref="Display"/> never shows them in clear. <c>call.path</c> is read from the session's
/// growing path and <c>call.flow_version</c> is the flow set's, fixed for the call's life.
/// </summary>
public sealed class CallVariables(CallIdentity identity, StringBuilder path, string flowVersion) : IVariableScope
{
    /// <summary>"true" when the caller's number is flagged, else "false" (replay scripts may set it).</summary>
    public const string CallerFlagged = "caller.flagged";

    /// <summary>The flag's reason class (e.g. harassment), "" when not flagged.</summary>
    public const string CallerFlagReason = "caller.flag_reason";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal)
    {
        [CallerFlagged] = identity.FlagReason is null ? "false" : "true",
        [CallerFlagReason] = identity.FlagReason ?? "",
    };
    private Dictionary<string, MaskStyle>? _secure;

    public string? Get(string name) => name switch
    {
        "call.id" => identity.CallId,
        "call.caller" => identity.Caller,
        "call.caller_masked" => Mask.Phone(identity.Caller),
        "call.dialled" => identity.Dialled,
        "call.path" => path.ToString(),
        "call.flow_version" => flowVersion,
        "call.return_to" => identity.Headers.GetValueOrDefault(AssistHeaders.Return, ""),
        "call.purpose" => identity.Headers.GetValueOrDefault(AssistHeaders.Purpose, ""),
        _ => _values.GetValueOrDefault(name),
    };

    public void Set(string name, string? value, MaskStyle? secure = null)
    {
        if (value is null) _values.Remove(name);
        else _values[name] = value;
        if (secure is { } style) (_secure ??= new(StringComparer.Ordinal))[name] = style;
        else _secure?.Remove(name);
    }

    public bool IsSecure(string name) => _secure?.ContainsKey(name) == true || name == "call.caller";

    /// <summary>The mask of the first secure variable <paramref name="expression"/> reads, or null when it reads none.</summary>
    public MaskStyle? SecureStyleOf(Expression expression)
    {
        if (_secure is null) return expression.Variables.Contains("call.caller") ? MaskStyle.Phone : null;
        foreach (var name in expression.Variables)
        {
            if (_secure.TryGetValue(name, out var style)) return style;
            if (name == "call.caller") return MaskStyle.Phone;
        }

        return null;
    }

    /// <summary>The value as events and logs may show it: secure values masked, the caller's number masked.</summary>
    public string Display(string name)
    {
        var value = Get(name);
        if (value is null) return "";
        if (name == "call.caller") return Mask.Phone(value);
        return _secure is not null && _secure.TryGetValue(name, out var style) ? Masked(value, style) : value;
    }

    public static string Masked(string value, MaskStyle style) => style switch
    {
        MaskStyle.ResidentId => Mask.ResidentId(value),
        MaskStyle.Phone => Mask.Phone(value),
        MaskStyle.Card => Mask.Card(value),
        _ => Mask.Secret(value),
    };

    public IEnumerable<KeyValuePair<string, string>> All => _values;
}
