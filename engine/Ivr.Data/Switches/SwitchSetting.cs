namespace Ivr.Data.Switches;

/// <summary>The value an editor gave a switch, who and when.</summary>
public sealed record SwitchSetting(string Name, string Value, DateTimeOffset ChangedAt, string ChangedBy);
