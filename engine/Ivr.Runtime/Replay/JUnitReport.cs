using System.Xml.Linq;

namespace Ivr.Runtime.Replay;

/// <summary>Writes replay results as JUnit XML for CI dashboards: one test case per script.</summary>
public static class JUnitReport
{
    public static void Write(string path, IReadOnlyList<ReplayResult> results)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "ivr-replay"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            results.Select(r => new XElement("testcase",
                new XAttribute("classname", Path.GetDirectoryName(r.Script.Path)?.Replace('/', '.') ?? "replay"),
                new XAttribute("name", r.Script.Name),
                new XAttribute("time", r.CallLength.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)),
                r.Passed ? null : new XElement("failure", new XAttribute("message", r.Failure!.Split('\n')[0]), r.Failure))));
        new XDocument(new XElement("testsuites", suite)).Save(path);
    }
}
