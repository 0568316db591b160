namespace Ivr.Media.Playout;

/// <summary>
/// How punctual a scheduler thread has been: lateness is how long after its absolute 20 ms deadline
/// a tick began. <see cref="Resyncs"/> counts stalls of more than 3 frames after which the thread
/// skipped ahead instead of sending a burst.
/// </summary>
public readonly record struct PlayoutStatistics(long Ticks, TimeSpan MeanLateness, TimeSpan MaxLateness, long TicksLaterThan2Ms, long Resyncs);
