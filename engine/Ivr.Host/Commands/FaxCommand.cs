using System.Reflection;

namespace Ivr.Host.Commands;

/// <summary>
/// <c>ivr fax VERB</c>: the fax-back service's operator verbs. Each verb is an <see cref="IFaxVerb"/>
/// in its own file (<c>list</c> here; <c>render</c> comes with the fax media), found in this assembly,
/// so adding a verb touches no other file.
/// </summary>
public sealed class FaxCommand : CommandBase
{
    public static readonly IReadOnlyList<IFaxVerb> Verbs = [.. typeof(FaxCommand).Assembly.GetTypes()
        .Where(t => typeof(IFaxVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IFaxVerb)Activator.CreateInstance(t)!)
        .OrderBy(v => v.Name, StringComparer.Ordinal)];

    public override string Name => "fax";

    public override string Summary => $"fax-back: {string.Join(", ", Verbs.Select(v => v.Name))} (ivr fax VERB --help)";

    public override string Usage => $"""
        usage: ivr fax VERB [options]

        {string.Join("\n", Verbs.Select(v => $"  {v.Name,-8} {v.Summary}"))}

        {string.Join("\n\n", Verbs.Select(v => v.Usage))}
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, .. Verbs.SelectMany(v => v.ValuedOptions).Distinct()];

    protected override IReadOnlyCollection<string> Switches => [.. Verbs.SelectMany(v => v.Switches).Distinct()];

    protected override Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var name = line.Positional.FirstOrDefault() ?? throw new UsageException($"say which: {string.Join(", ", Verbs.Select(v => v.Name))}");
        var verb = Verbs.FirstOrDefault(v => v.Name == name) ?? throw new UsageException($"unknown verb '{name}'; the verbs are {string.Join(", ", Verbs.Select(v => v.Name))}");
        return verb.RunAsync(line, cancellation);
    }
}
