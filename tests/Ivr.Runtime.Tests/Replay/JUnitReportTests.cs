using System.Xml.Linq;
using Ivr.Runtime.Replay;

namespace Ivr.Runtime.Tests.Replay;

public sealed class JUnitReportTests : IDisposable
{
    private readonly ReplayFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Write_PassedAndFailed_ValidXmlWithOneFailureElement()
    {
        var runner = new ReplayRunner(_fixture.Set);
        var passed = runner.Run(ReplayScriptReader.Read(_fixture.Script("ok.yaml", ReplayRunnerTests.PensionOk)));
        var failed = runner.Run(ReplayScriptReader.Read(_fixture.Script("bad.yaml", "name: \"bad <&> script\"\nsteps:\n  - expect: goodbye\n")));
        var report = _fixture.Folder.File("junit.xml");

        JUnitReport.Write(report, [passed, failed]);

        var suite = XDocument.Load(report).Root!.Element("testsuite")!;
        Assert.Equal(("ivr-replay", "2", "1"), ((string)suite.Attribute("name")!, (string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["pension ok", "bad <&> script"], cases.Select(c => (string)c.Attribute("name")!));
        Assert.Null(cases[0].Element("failure"));
        var failure = cases[1].Element("failure")!;
        Assert.Equal(failed.Failure!.Split('\n')[0], (string)failure.Attribute("message")!);
        Assert.Contains("expected prompt goodbye, heard welcome", failure.Value);
        Assert.Matches(@"^\d+(\.\d+)?$", (string)cases[0].Attribute("time")!);
        Assert.Equal(passed.CallLength.TotalSeconds, double.Parse((string)cases[0].Attribute("time")!, System.Globalization.CultureInfo.InvariantCulture), 3);
    }

    [Fact]
    public void Write_NoResults_EmptySuite()
    {
        var report = _fixture.Folder.File("empty.xml");

        JUnitReport.Write(report, []);

        var suite = XDocument.Load(report).Root!.Element("testsuite")!;
        Assert.Equal("0", (string)suite.Attribute("tests")!);
        Assert.Empty(suite.Elements("testcase"));
    }
}
