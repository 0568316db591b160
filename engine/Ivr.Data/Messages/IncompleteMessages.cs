using Dapper;
using Ivr.Core.Calendar;
using Ivr.Data.Security;
using Ivr.Data.Services;

namespace Ivr.Data.Messages;

/// <summary>
/// Stores a recording a crash cut short as an incomplete voice message (M008): the call it was recorded in is the
/// most recent call whose id the recording's file name was made from, and the callback number that call's caller;
/// due like every callback, 5 working days later. Storing the same recording twice stores it once.
/// </summary>
public sealed class IncompleteMessages(IvrDatabase database, TimeProvider clock, Func<DateOnly, int, WorkingDayDate> countWorkingDays)
{
    /// <summary>How many of the latest calls are searched: more than a node ever holds at once.</summary>
    private const int RecentCalls = 2000;

    /// <param name="recording">The file name, relative to the recordings folder.</param>
    /// <param name="recordedIn">Whether a call id is the one the file name was made from.</param>
    /// <returns>The new message's id; null when a message already names the recording.</returns>
    public async Task<long?> StoreAsync(string recording, Func<string, bool> recordedIn, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        var messages = new VoiceMessageRepository(connection);
        if (await messages.HasRecordingAsync(recording, cancellation).ConfigureAwait(false)) return null;
        var calls = await connection.QueryAsync<(string Id, string Caller)>(new CommandDefinition(
            "SELECT id, caller FROM calls ORDER BY started_at DESC LIMIT @limit;", new { limit = RecentCalls }, cancellationToken: cancellation)).ConfigureAwait(false);
        var call = calls.FirstOrDefault(c => recordedIn(c.Id));
        var due = countWorkingDays(ChinaTime.Today(clock), ServiceContext.CallbackWorkingDays);
        return await messages.InsertIncompleteAsync(call.Id ?? "", recording, call.Caller ?? "", clock.GetUtcNow(), due, cancellation).ConfigureAwait(false);
    }
}
