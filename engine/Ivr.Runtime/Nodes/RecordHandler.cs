using Ivr.Core.Channel;

namespace Ivr.Runtime.Nodes;

/// <summary>Plays the instructions, then records; the channel ends the recording on the end key, silence or length.</summary>
internal sealed class RecordHandler : INodeHandler
{
    public void Enter(CallSession call, Node node) =>
        PlaybackInput.Instructions(call, ((RecordNode)node).Prompt);

    public void OnPlaybackFinished(CallSession call, Node node)
    {
        if (call.State.Phase != NodePhase.Prompting) return;
        var record = (RecordNode)node;
        call.State.Phase = NodePhase.Recording;
        call.Channel.StartRecording(new RecordRequest(record.Beep, record.MaxLength, record.Silence, record.EndKey));
    }

    public void OnRecordingFinished(CallSession call, Node node, RecordingResult result)
    {
        var record = (RecordNode)node;
        call.Variables.Set(record.Into, result.RecordingId ?? "");
        call.Variables.Set(record.Into + "_seconds", result.Length.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        call.Record(CallEventKind.RecordingSaved, node, result.EndedBy, $"{result.RecordingId ?? "(nothing)"} {result.Length.TotalSeconds:0.0} s");
        if (result.RecordingId is null && record.OnEmpty is not null) call.Leave(Outcomes.Empty, record.OnEmpty);
        else call.Leave(Outcomes.Next, record.Next);
    }
}
