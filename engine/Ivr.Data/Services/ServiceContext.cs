using Ivr.Core.Calendar;
using Ivr.Data.Cards;
using Ivr.Data.Security;

namespace Ivr.Data.Services;

/// <summary>What every operation group shares: the database, the clock, PIN hashing, lockout and
/// throttles, the working-day rule, the log and the deployment's hash key.</summary>
internal sealed record ServiceContext(
    IvrDatabase Database,
    TimeProvider Time,
    PinHasher Hasher,
    PinLockout Lockout,
    PinThrottle Throttle,
    Func<DateOnly, int, WorkingDayDate> CountWorkingDays,
    Action<string> Log,
    ReferenceIssuer References,
    HashKey HashKey)
{
    /// <summary>Callbacks and follow-ups are promised within this many working days (5个工作日内).</summary>
    public const int CallbackWorkingDays = 5;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Today's callback due date, marked when the calendar does not reach it.</summary>
    public WorkingDayDate CallbackDue() => CountWorkingDays(ChinaTime.Today(Time), CallbackWorkingDays);
}
