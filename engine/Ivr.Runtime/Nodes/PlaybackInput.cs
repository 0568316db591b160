using Ivr.Flows.Model;
using Ivr.Runtime.Calls;

namespace Ivr.Runtime.Nodes;

/// <summary>What play and say do with input: move on when done; with barge-in a key stops the prompt and is kept.</summary>
internal static class PlaybackInput
{
    public static void Handle(CallSession call, SessionInput input, bool bargeIn, Target next)
    {
        switch (input.Kind)
        {
            case SessionInputKind.PlaybackFinished:
                call.Leave(Outcomes.Next, next);
                break;
            case SessionInputKind.Digit when bargeIn:
                call.StopPlayback();
                call.TypeAhead(input.Digit);
                call.Leave(Outcomes.Next, next);
                break;
        }
    }
}
