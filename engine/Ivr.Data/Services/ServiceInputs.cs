namespace Ivr.Data.Services;

/// <summary>Reads an operation's string inputs. Never formats a value into a message: inputs may be secure.</summary>
internal static class ServiceInputs
{
    public const string CallId = "call_id";
    public const string Caller = "caller";

    /// <summary>The SIP source address of the call, when the runtime passes it.</summary>
    public const string Source = "source";

    /// <summary>The trimmed value, or "" when absent.</summary>
    public static string Get(IReadOnlyDictionary<string, string> inputs, string name)
        => inputs.TryGetValue(name, out var value) && value is not null ? value.Trim() : "";

    /// <summary>A resident ID as the flows pass it, made comparable: upper case, and a trailing
    /// <c>*</c> (the keypad's stand-in for X) read as <c>X</c>.</summary>
    public static string ResidentId(IReadOnlyDictionary<string, string> inputs, string name = "id")
    {
        var id = Get(inputs, name).ToUpperInvariant();
        return id.EndsWith('*') ? id[..^1] + "X" : id;
    }

    /// <summary>Chinese names masked for the caller to recognise: the first character kept (张**).</summary>
    public static string MaskName(string name)
        => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);
}
