namespace Ivr.Runtime.Nodes;

internal sealed class PlayHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var play = (PlayNode)node;
        if (PlaybackInput.SkippedForTypeAhead(call, play.BargeIn, play.Next)) return;

        if (play.Recording is not { } variable || RecordingPrompt.For(call, variable) is not { } recording)
        {
            call.Play(play.Prompts.Resolved, play.BargeIn);
            return;
        }

        call.Play([.. play.Prompts.Resolved, recording], play.BargeIn);
    }

    public void OnPlaybackFinished(CallSession call, Node node) => PlaybackInput.Finished(call, ((PlayNode)node).Next);

    public void OnDigit(CallSession call, Node node, char digit) =>
        PlaybackInput.Digit(call, digit, ((PlayNode)node).BargeIn, ((PlayNode)node).Next);
}
