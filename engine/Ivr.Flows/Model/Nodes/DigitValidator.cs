namespace Ivr.Flows.Model.Nodes;

/// <summary>A check a collected entry must pass: <c>cn-resident-id</c>, <c>luhn</c>, <c>cn-fax-number</c>, <c>clock-time</c>, <c>length</c> or <c>regex</c>.</summary>
public sealed record DigitValidator(string Name, string? Argument = null);
