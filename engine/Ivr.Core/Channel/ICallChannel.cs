namespace Ivr.Core.Channel;

/// <summary>
/// Everything a flow can do to a caller. A simulated call and a real SIP call implement it alike.
/// Commands return at once; their completion comes back through <see cref="ICallInput"/>.
/// </summary>
public interface ICallChannel
{
    /// <summary>Plays the prompts in order, then reports <see cref="ICallInput.PlaybackFinished"/>
    /// with the request's id. With barge-in, the first digit stops playback at once.</summary>
    void Play(PlayRequest request);

    /// <summary>Stops the current playback, if any (its completion is still reported, as interrupted).</summary>
    void StopPlayback();

    /// <summary>Records the caller; reports <see cref="ICallInput.RecordingFinished"/>.</summary>
    void StartRecording(RecordRequest request);

    /// <summary>Hands the call to a queue of agents; reports <see cref="ICallInput.TransferFinished"/>.</summary>
    void Transfer(TransferRequest request);

    /// <summary>Switches the line to fax (T.30 over the call's audio) and sends the document;
    /// reports <see cref="ICallInput.FaxFinished"/>. Prompts stop while the fax runs.</summary>
    void SendFax(FaxRequest request);

    /// <summary>Ends the call from our side. No further input is expected.</summary>
    void Hangup(string cause);
}
