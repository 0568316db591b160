namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// One thing the browser is told about a try-call, in order (<see cref="Seq"/>): <c>node</c> (entered <see cref="Node"/>),
/// <c>play</c> (<see cref="Prompts"/> start playing, in order), <c>stop</c> (the caller interrupted the playback),
/// <c>recording</c>, <c>transfer</c>, <c>ended</c> (<see cref="Detail"/> is the disposition).
/// </summary>
public sealed record TryCallEvent(int Seq, string Type, DateTimeOffset At, string? Node = null, string? Detail = null,
    IReadOnlyList<TryCallPrompt>? Prompts = null);

/// <summary>A prompt of a <c>play</c> event: its id, text, length and where its audio is (null: text only).</summary>
public sealed record TryCallPrompt(string Id, string Text, double Seconds, string? AudioUrl);
