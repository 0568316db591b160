using Ivr.Media.Codecs;

namespace Ivr.Media.Playout;

/// <summary>
/// Audio that many calls play (a catalog prompt): its 8 kHz samples, and their G.711 codes in each law, encoded once,
/// the first time a stream of that law is given it (<see cref="PlayoutStream.Enqueue(SharedAudio)"/>, on the caller's
/// thread, not the pacing thread's). A frame of it is then a 160-byte copy, not 160 lookups in a 64 Ki-entry table
/// (7 % of the pacing thread at 1,000 calls, issue 13). The samples must not change afterwards; audio made for one call
/// (a recording played back, a tone, a generator) is enqueued as samples and encoded frame by frame instead.
/// </summary>
public sealed class SharedAudio(ReadOnlyMemory<short> samples)
{
    private byte[]? _muLaw;
    private byte[]? _aLaw;

    public ReadOnlyMemory<short> Samples { get; } = samples;

    /// <summary>The samples' codes in <paramref name="law"/>, as long as the samples: encoded by the first caller (two
    /// racing callers both encode, the same bytes, and one array is kept).</summary>
    public ReadOnlyMemory<byte> CodesIn(G711Law law)
    {
        ref var codes = ref law == G711Law.MuLaw ? ref _muLaw : ref _aLaw;
        if (Volatile.Read(ref codes) is { } encoded) return encoded;
        var made = new byte[Samples.Length];
        G711.Encode(law, Samples.Span, made);
        return Interlocked.CompareExchange(ref codes, made, null) ?? made;
    }

    /// <summary>Whether the codes in <paramref name="law"/> were made already (for tests and memory accounting).</summary>
    public bool IsEncodedIn(G711Law law) => Volatile.Read(ref law == G711Law.MuLaw ? ref _muLaw : ref _aLaw) is not null;
}
