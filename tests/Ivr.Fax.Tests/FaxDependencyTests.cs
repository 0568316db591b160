namespace Ivr.Fax.Tests;

public sealed class FaxDependencyTests
{
    [Fact]
    public void Fax_References_OnlyCore()
    {
        var references = typeof(FaxSession).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Ivr.", StringComparison.Ordinal))
            .ToArray();

        Assert.Equal(["Ivr.Core"], references);
    }
}
