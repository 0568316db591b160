namespace Ivr.Media.Recording;

/// <summary>Why a recording ended.</summary>
public enum RecordingEndReason
{
    /// <summary>It reached <see cref="RecorderOptions.MaxLength"/>.</summary>
    MaxLength,

    /// <summary>The caller was silent for <see cref="RecorderOptions.SilenceTimeout"/>.</summary>
    Silence,

    /// <summary>A key press ended it (the key is in the result).</summary>
    Key,

    /// <summary>The application stopped it (e.g. the caller hung up).</summary>
    Stopped,
}
