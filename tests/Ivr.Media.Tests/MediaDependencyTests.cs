using Ivr.Media.Codecs;

namespace Ivr.Media.Tests;

public class MediaDependencyTests
{
    [Fact]
    public void IvrMedia_ReferencesNoOtherIvrAssembly()
    {
        var references = typeof(MuLaw).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, name => name.StartsWith("Ivr.", StringComparison.Ordinal));
        Assert.Contains(references, name => name == "System.Runtime");
    }
}
