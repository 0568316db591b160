namespace Ivr.Telephony.Outbound;

/// <summary>
/// One dialling rule of a trunk: a number starting with <see cref="Prefix"/> loses its first <see cref="Strip"/>
/// digits and gains <see cref="Prepend"/> (e.g. a Beijing trunk: prefix "010", strip 3 — local numbers go out
/// without the area code; or prefix "1", prepend "0" for mobiles from a PBX). The first matching rule applies.
/// </summary>
public sealed record NumberRule(string Prefix, int Strip = 0, string Prepend = "")
{
    public bool Matches(string number) => number.StartsWith(Prefix, StringComparison.Ordinal);

    public string Apply(string number) => Prepend + number[Math.Min(Strip, number.Length)..];
}
