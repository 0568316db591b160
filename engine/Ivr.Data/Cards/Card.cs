namespace Ivr.Data.Cards;

/// <summary>A social-security card: 12-digit card number, 10-digit computer serial (电脑序号), its
/// holder, and — once reported lost — when and under which reference number.</summary>
public sealed record Card(string Number, string Serial, string PersonId, CardStatus Status, DateTimeOffset? LostAt = null, string? LossReference = null);
