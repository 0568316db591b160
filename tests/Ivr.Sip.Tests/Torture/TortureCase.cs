namespace Ivr.Sip.Tests.Torture;

/// <summary>One row of Torture/expectations.tsv.</summary>
public sealed record TortureCase(string File, string Section, string Syntax, string Outcome, string Why)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Torture");

    public byte[] Bytes => System.IO.File.ReadAllBytes(Path.Combine(Folder, File + ".dat"));

    public static IReadOnlyList<TortureCase> All { get; } = Load();

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.File });

    public static TortureCase Get(string file) => All.Single(c => c.File == file);

    public static IEnumerable<string> DataFiles =>
        Directory.GetFiles(Folder, "*.dat").Select(Path.GetFileNameWithoutExtension).Select(n => n!);

    private static List<TortureCase> Load() =>
        System.IO.File.ReadAllLines(Path.Combine(Folder, "expectations.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => new TortureCase(p[0], p[1], p[2], p[3], p[4]))
            .ToList();
}
