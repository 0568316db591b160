namespace Ivr.Data.Contributions;

/// <summary>A person's contribution history in brief: last month contributed (<c>yyyy-MM</c>),
/// months contributed, medical-insurance account balance and arrears, both in fen.</summary>
public sealed record ContributionRecord(string PersonId, string LastMonth, int Months, long MedicalBalanceFen, long ArrearsFen);
