using Ivr.Media.Playout;

namespace Ivr.Telephony.Bridging;

/// <summary>
/// The ring-back tone a caller hears while the agent's phone rings: 450 Hz, 1 s on, 4 s off (the Chinese
/// ring-back cadence, GB/T 3380 / ITU-T E.180 Supplement 2), at −10 dBm0. One cycle is computed once and shared.
/// </summary>
internal static class Ringback
{
    public static readonly TimeSpan Cycle = TimeSpan.FromSeconds(5);

    private static readonly short[] OneCycle = Build();

    /// <summary>Enough whole cycles to cover <paramref name="length"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<short>> For(TimeSpan length)
    {
        var cycles = Math.Max(1, (int)Math.Ceiling(length / Cycle));
        for (var i = 0; i < cycles; i++) yield return OneCycle;
    }

    private static short[] Build()
    {
        var tone = Tone.Sine(450, TimeSpan.FromSeconds(1));
        var cycle = new short[8000 * 5];
        tone.CopyTo(cycle, 0);
        return cycle;
    }
}
