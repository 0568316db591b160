namespace Ivr.Core.Calendar;

/// <summary>A weekend day that is a working day (调休上班), e.g. the Saturday before a long holiday.</summary>
public sealed record MakeUpWorkingDay(DateOnly Date, string Name);
