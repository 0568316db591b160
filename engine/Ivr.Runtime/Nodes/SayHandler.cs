using Ivr.Core.Channel;
using Ivr.Core.Speech;

namespace Ivr.Runtime.Nodes;

/// <summary>Reads a value in Mandarin by concatenating the catalog's fragments between the node's prompts.</summary>
internal sealed class SayHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var say = (SayNode)node;
        if (PlaybackInput.SkippedForTypeAhead(call, say.BargeIn, say.Next)) return;

        var value = say.Value.Evaluate(call.Variables).AsText() ?? "";
        var rendered = MandarinSayAs.Render(value, say.As);
        var secure = call.Variables.SecureStyleOf(say.Value);
        var shown = secure is { } style ? CallVariables.Masked(value, style) : value;
        var kind = say.As.ToString().ToLowerInvariant();
        call.Record(CallEventKind.PromptPlayed, node, rendered.Succeeded ? "say" : "unreadable",
            rendered.Succeeded ? $"{kind} {shown}" : $"{kind} '{shown}': {rendered.Error}");

        var prompts = new List<Prompt>(say.Before.Resolved.Length + rendered.Prompts.Count + say.After.Resolved.Length);
        prompts.AddRange(say.Before.Resolved);
        if (secure is null || say.Readback) // a secure value is spoken only back to the caller who typed it
            foreach (var id in rendered.Prompts)
                if (call.Set.Prompts.TryGetValue(id, out var fragment)) prompts.Add(fragment);
        prompts.AddRange(say.After.Resolved);
        call.Play(prompts, say.BargeIn);
    }

    public void OnPlaybackFinished(CallSession call, Node node) => PlaybackInput.Finished(call, ((SayNode)node).Next);

    public void OnDigit(CallSession call, Node node, char digit) =>
        PlaybackInput.Digit(call, digit, ((SayNode)node).BargeIn, ((SayNode)node).Next);
}
