namespace Ivr.Data.People;

/// <summary>A resident: 18-character resident ID, name, 6-digit region code, birth date, and the
/// hotline PIN hash (<c>null</c> when no PIN was ever set).</summary>
public sealed record Person(string Id, string Name, string Region, DateOnly BirthDate, string? PinHash);
