namespace Ivr.Core.Calls;

/// <summary>Switch values that never change: a replay script's <c>switches:</c>, a test's.</summary>
public sealed class FixedSwitchValues(IReadOnlyDictionary<string, string> values) : ISwitchValues
{
    public static readonly FixedSwitchValues None = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Current => values;
}
