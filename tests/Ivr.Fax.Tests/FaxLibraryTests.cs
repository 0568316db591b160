namespace Ivr.Fax.Tests;

public sealed class FaxLibraryTests
{
    [Fact]
    public void Probe_InstalledLibrary_IsAvailable()
    {
        Assert.True(FaxLibrary.IsAvailable, FaxLibrary.Problem);
        Assert.Null(FaxLibrary.Problem);
    }

    [Fact]
    public void Probe_MissingLibrary_SaysUnavailableAndHowToInstall()
    {
        var problem = FaxLibrary.Probe("libspandsp-not-installed.so.9");

        Assert.NotNull(problem);
        Assert.Contains("unavailable", problem);
        Assert.Contains("apt-get install libspandsp2", problem);
    }

    [Fact]
    public void Probe_LibraryWithoutFaxEntryPoints_SaysWhatIsMissing()
    {
        var problem = FaxLibrary.Probe("libc.so.6");

        Assert.NotNull(problem);
        Assert.Contains("lacks fax_init", problem);
    }
}
