using Ivr.Sip.Message;

namespace Ivr.Sip.Tests;

public sealed class ArchitectureTests
{
    /// <summary>Ivr.Core only (its serial queue runs the stack's work); no flows, runtime, media or telephony.</summary>
    [Fact]
    public void IvrSip_ReferencesNoIvrAssemblyButCore()
    {
        var references = typeof(SipParser).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.Equal(["Ivr.Core"], references.Where(name => name.StartsWith("Ivr.", StringComparison.Ordinal)));
    }

    [Fact]
    public void TransportNamespace_DoesNotDependOnTransactionsOrUserAgent()
    {
        var transportTypes = typeof(SipParser).Assembly.GetTypes().Where(t => t.Namespace == "Ivr.Sip.Transport");
        var forbidden = new[] { "Ivr.Sip.Transactions", "Ivr.Sip.UserAgent", "Ivr.Sip.Dialogs" };

        foreach (var type in transportTypes)
        {
            var used = type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                .Select(f => f.FieldType)
                .Concat(type.GetMethods().SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
            Assert.DoesNotContain(used, u => forbidden.Contains(u.Namespace));
        }
    }
}
