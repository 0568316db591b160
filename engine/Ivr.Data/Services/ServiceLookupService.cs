using Ivr.Core.Calendar;
using Ivr.Core.Lookups;
using Ivr.Data.Cards;
using Ivr.Data.Fax;
using Ivr.Data.Messages;
using Ivr.Data.Security;
using Ivr.Data.Spool;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ivr.Data.Services;

/// <summary>
/// The hotline's back-end operations, called by name from the flows' lookup nodes. Each runs off
/// the caller's thread (PIN hashing is deliberately slow), honours the cancellation token (a
/// cancelled lookup answers <c>timeout</c>), and never throws: a database failure answers
/// <c>error</c> and is logged by operation and error code only — never an input value.
/// </summary>
public sealed class ServiceLookupService : ILookupService
{
    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, string>, CancellationToken, Task<LookupResult>>> _operations;
    private readonly Action<string> _log;
    private long _failures;

    /// <param name="countWorkingDays">The working-day rule for callback due dates (the host passes the
    /// holiday calendar's <c>CountWorkingDays</c>, which marks dates beyond the calendar); weekends only when null.</param>
    /// <param name="fax">Allowed hours and tries of scheduled faxes; <see cref="FaxSettings.Default"/> when null.</param>
    /// <param name="faxDocuments">The fax catalog <c>fax.schedule</c> checks documents against; without it every document is unknown.</param>
    /// <param name="references">How loss-report references are drawn; <see cref="ReferenceIssuer.Random"/> when null.</param>
    /// <param name="spool">Where voice messages, follow-ups and survey answers wait while the database is unreachable; without it such a save fails.</param>
    /// <param name="pinHasher">How new PINs are hashed; <see cref="PinHasher.Production"/> when null.
    /// Verification honours each stored hash's own iteration count.</param>
    /// <param name="pinThrottles">Limits on PIN checks per caller number and per call; <see cref="PinThrottleRules.Default"/> when null.</param>
    /// <param name="hashKey">The deployment's key for the hashes of IDs and caller numbers the PIN tables keep (every node of
    /// one database passes the same one: <see cref="HashKeyCheck"/>); when null, a key of this instance alone
    /// (<see cref="HashKey.Generate"/>), for a process that keeps nothing (replays, tests).</param>
    public ServiceLookupService(
        IvrDatabase database,
        TimeProvider time,
        Func<DateOnly, int, WorkingDayDate>? countWorkingDays = null,
        PinHasher? pinHasher = null,
        Action<string>? log = null,
        FaxSettings? fax = null,
        IFaxDocuments? faxDocuments = null,
        ReferenceIssuer? references = null,
        CallerRequestSpool? spool = null,
        PinThrottleRules? pinThrottles = null,
        HashKey? hashKey = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        _log = log ?? (_ => { });
        var context = new ServiceContext(database, time, pinHasher ?? PinHasher.Production, new PinLockout(time),
            new PinThrottle(pinThrottles ?? PinThrottleRules.Default, time),
            countWorkingDays ?? WeekendCalendar.CountWorkingDays, _log, references ?? ReferenceIssuer.Random, hashKey ?? HashKey.Generate());
        var pins = new PinOperations(context);
        var records = new RecordOperations(context);
        var requests = new CallerRequestOperations(context, spool);
        var faxes = new FaxOperations(context, fax ?? FaxSettings.Default, faxDocuments);
        _operations = new(StringComparer.Ordinal)
        {
            ["auth.verify_pin"] = pins.VerifyAsync,
            ["card.report_loss"] = pins.ReportLossAsync,
            ["card.change_pin"] = pins.ChangePinAsync,
            ["pension.summary"] = records.PensionAsync,
            ["contributions.summary"] = records.ContributionsAsync,
            ["appraisal.lookup"] = records.AppraisalAsync,
            ["voice_message.save"] = requests.SaveVoiceMessageAsync,
            ["followup.create"] = requests.CreateFollowUpAsync,
            ["survey.save"] = requests.SaveSurveyAsync,
            ["fax.check_time"] = faxes.CheckTimeAsync,
            ["fax.schedule"] = faxes.ScheduleAsync,
        };
    }

    /// <summary>Operations that failed with an exception (a database error, mostly) and answered <c>error</c>.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The operation names this service answers.</summary>
    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public async ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        if (operation is null || !_operations.TryGetValue(operation, out var run))
        {
            _log($"lookup: unknown operation '{operation}'");
            return LookupResult.Of(LookupResult.Error);
        }
        if (inputs is null) return LookupResult.Of(LookupResult.Error);
        try
        {
            return await Task.Run(() => run(inputs, cancellation), cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return LookupResult.Of(LookupResult.Timeout);
        }
        catch (Exception ex)
        {
            var detail = ex switch
            {
                SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}",
                PostgresException pg => $"PostgreSQL error {pg.SqlState}",
                _ => ex.GetType().Name,
            };
            Interlocked.Increment(ref _failures);
            _log($"lookup {operation} failed: {detail}");
            return LookupResult.Of(LookupResult.Error);
        }
    }
}
