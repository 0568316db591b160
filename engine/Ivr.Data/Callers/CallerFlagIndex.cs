using System.Collections.Frozen;

namespace Ivr.Data.Callers;

/// <summary>
/// Every active caller flag, held in memory so that a call's start asks no database (issue 12: on PostgreSQL the lookup
/// was a round trip per call, waited for on the thread starting the call). <see cref="ReloadAsync"/> reads them all: at
/// start, whenever a flag is added or lifted on any node (<c>NOTIFY</c> on <see cref="Channel"/>, sent by
/// <see cref="CallerFlagRepository"/> with the change), and after the notifications' connection comes back. Expiry is
/// checked against the clock at each lookup, so a flag that runs out needs no reload.
/// </summary>
public sealed class CallerFlagIndex
{
    /// <summary>The PostgreSQL notification channel of caller-flag changes.</summary>
    public const string Channel = "ivr_caller_flags";

    private FrozenDictionary<string, Active[]> _flags = FrozenDictionary<string, Active[]>.Empty;

    /// <summary>Active flags held (numbers may hold several).</summary>
    public int Count => Volatile.Read(ref _flags).Values.Sum(f => f.Length);

    /// <returns>The reason class of the newest flag of <paramref name="caller"/> active at <paramref name="at"/>, or null —
    /// what <see cref="CallerFlagRepository.ActiveAsync"/> answers, without the database.</returns>
    public string? ReasonFor(string caller, DateTimeOffset at)
    {
        if (!Volatile.Read(ref _flags).TryGetValue(caller, out var flags)) return null;
        foreach (var flag in flags) // newest first
            if (flag.ExpiresAt is not { } end || at < end) return flag.ReasonClass;
        return null;
    }

    /// <summary>Replaces what is held with the flags active at <paramref name="at"/>.</summary>
    public async Task ReloadAsync(IvrDatabase database, DateTimeOffset at, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var active = await new CallerFlagRepository(connection).ActiveListAsync(at, int.MaxValue, cancellation).ConfigureAwait(false);
        var flags = active // newest first, as listed
            .GroupBy(f => f.Caller, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(f => new Active(f.ReasonClass, f.ExpiresAt)).ToArray(), StringComparer.Ordinal);
        Volatile.Write(ref _flags, flags);
    }

    private sealed record Active(string ReasonClass, DateTimeOffset? ExpiresAt);
}
