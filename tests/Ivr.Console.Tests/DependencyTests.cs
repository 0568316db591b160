using System.Reflection;

namespace Ivr.OperationsConsole.Tests;

/// <summary>The console reads the engine through Core, Flows, Runtime and Data; it knows no SIP, media or telephony.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void Console_ReferencesNoProtocolProjectAndNotTheHost()
    {
        var references = typeof(ConsoleHost).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        foreach (var forbidden in new[] { "Ivr.Sip", "Ivr.Media", "Ivr.Telephony", "ivr" })
            Assert.DoesNotContain(forbidden, references);
        Assert.Contains("Ivr.Data", references);
    }
}
