namespace Ivr.Data.Pensions;

/// <summary>A retiree's pension: monthly amount and personal-account balance in fen, the last month
/// paid (<c>yyyy-MM</c>) and the years contributed.</summary>
public sealed record Pension(string PersonId, long MonthlyFen, string LastPaidMonth, long AccountBalanceFen, int YearsContributed);
