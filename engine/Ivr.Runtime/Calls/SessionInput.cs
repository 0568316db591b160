using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Core.Lookups;

namespace Ivr.Runtime.Calls;

/// <summary>
/// One event queued for a call's state machine: a closed set (the constructor is private), each case
/// carrying exactly what it reports, so the session hands handlers typed values and nothing is cast.
/// Events without data (the start, a timer) and key presses are shared instances, so the most frequent
/// events allocate nothing.
/// </summary>
internal abstract record SessionInput
{
    private SessionInput()
    {
    }

    /// <summary>The call was answered: record its start and enter the flow.</summary>
    public sealed record Started : SessionInput
    {
        public static readonly Started Instance = new();
    }

    /// <summary>A key; the 16 DTMF keys are shared instances (<see cref="Of"/>), as a caller typing an ID presses many.</summary>
    public sealed record DigitPressed(char Digit) : SessionInput
    {
        private const string Keys = "0123456789*#ABCD";
        private static readonly DigitPressed[] Shared = [.. Keys.Select(k => new DigitPressed(k))];

        public static DigitPressed Of(char digit) => Keys.IndexOf(digit) is >= 0 and var at ? Shared[at] : new DigitPressed(digit);
    }

    /// <param name="PlaybackId">The id the session gave the playback; a stale one is ignored.</param>
    public sealed record PlaybackEnded(int PlaybackId, bool Interrupted) : SessionInput;

    public sealed record RecordingEnded(RecordingResult Result) : SessionInput;

    public sealed record TransferEnded(TransferResult Result) : SessionInput;

    /// <param name="RequestId">The id the session gave the fax; a fax of a node already left is ignored.</param>
    public sealed record FaxEnded(int RequestId, FaxResult Result) : SessionInput;

    /// <param name="LookupId">The id the session gave the lookup; one the node gave up on is ignored.</param>
    public sealed record LookupEnded(int LookupId, LookupResult Result) : SessionInput;

    /// <summary>The session's one timer fired (perhaps early, or after it was cancelled: the session checks).</summary>
    public sealed record TimerFired : SessionInput
    {
        public static readonly TimerFired Instance = new();
    }

    public sealed record HungUp(string Cause) : SessionInput;
}
