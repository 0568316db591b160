namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>Where a prompt's envelope fits a recording best, and how well (Pearson correlation, -1..1).</summary>
/// <param name="Frame">10 ms frame of the recording where the prompt starts.</param>
/// <param name="Correlation">Normalised cross-correlation of the envelopes at that lag.</param>
/// <param name="Frames">How many 10 ms frames of the prompt were compared.</param>
public sealed record PromptMatch(int Frame, double Correlation, int Frames)
{
    public double Seconds => Frame * AudioEnvelope.FrameSamples / 8000.0;

    public override string ToString() => $"r={Correlation:F3} at {Seconds:F2} s over {Frames / 100.0:F2} s";
}
