namespace Ivr.Media.Dtmf;

/// <summary>
/// An in-band key press found by <see cref="DtmfDetector"/>: the key, the sample count (since the
/// detector started) at which it was recognised, and the tone duration measured up to then.
/// </summary>
public readonly record struct DtmfDetection(char Key, long DetectedAtSample, TimeSpan MeasuredDuration);
