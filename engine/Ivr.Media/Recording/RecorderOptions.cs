namespace Ivr.Media.Recording;

/// <summary>When a <see cref="Recorder"/> stops by itself, and what it keeps.</summary>
public sealed record RecorderOptions
{
    public static RecorderOptions Default { get; } = new();

    /// <summary>The longest recording; audio beyond it is not kept.</summary>
    public TimeSpan MaxLength { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A 10 ms block whose RMS level is below this (dBm0) counts as silence.</summary>
    public double SilenceThresholdDbm0 { get; init; } = -40;

    /// <summary>This much continuous silence ends the recording (also before any speech). Zero disables it.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Drop the silence that ended the recording, keeping <see cref="SilenceKept"/> of it.</summary>
    public bool TrimTrailingSilence { get; init; } = true;

    /// <summary>How much of the final silence a trimmed recording keeps, so speech does not end abruptly.</summary>
    public TimeSpan SilenceKept { get; init; } = TimeSpan.FromMilliseconds(200);
}
