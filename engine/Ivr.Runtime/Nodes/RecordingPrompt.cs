using Ivr.Core.Channel;

namespace Ivr.Runtime.Nodes;

/// <summary>
/// The caller's own recording as a prompt: no shared audio (the channel reads the file named by
/// <see cref="Prompt.AudioFile"/>), its length from the record node's <c>&lt;into&gt;_seconds</c> variable.
/// </summary>
internal static class RecordingPrompt
{
    public const string Id = "recording";

    public static Prompt? For(CallSession call, string variable)
    {
        if (call.Variables.Get(variable) is not { Length: > 0 } file) return null;
        var seconds = double.TryParse(call.Variables.Get(variable + "_seconds"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
        return new Prompt(Id, "(the caller's recording)", TimeSpan.FromSeconds(seconds), ReadOnlyMemory<short>.Empty, file);
    }
}
