namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>10 ms energy envelopes of the prompts the softphone test looks for (and of one it must not find).</summary>
public sealed record ExpectedPrompts(double[] Welcome, double[] MainMenu, double[] EnterId, double[] Goodbye);
