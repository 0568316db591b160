namespace Ivr.OperationsConsole.Callers;

/// <summary>What the access log records for the 回拨 list, flagged numbers and emergency messages.</summary>
internal static class CallerCareActions
{
    public const string MissedCalledBack = "missed_called_back";
    public const string FlagAdd = "caller_flag_add";
    public const string FlagRemove = "caller_flag_remove";
    public const string MessageEmergency = "message_emergency";
}
