namespace Ivr.Telephony.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Telephony_References_OnlyCoreSipMediaAndFax()
    {
        var references = typeof(TelephonyServer).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Ivr.", StringComparison.Ordinal))
            .Order()
            .ToArray();

        Assert.Equal(["Ivr.Core", "Ivr.Fax", "Ivr.Media", "Ivr.Sip"], references);
    }
}
