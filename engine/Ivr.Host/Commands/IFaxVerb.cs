namespace Ivr.Host.Commands;

/// <summary>One verb of <c>ivr fax</c>; implementations need a parameterless constructor.</summary>
public interface IFaxVerb
{
    string Name { get; }

    string Summary { get; }

    /// <summary>Its usage lines, shown in <c>ivr fax --help</c>.</summary>
    string Usage { get; }

    IReadOnlyCollection<string> ValuedOptions { get; }

    IReadOnlyCollection<string> Switches { get; }

    /// <summary>Runs with the whole command line (<c>Positional[0]</c> is the verb itself).</summary>
    Task<int> RunAsync(CommandLine line, CancellationToken cancellation);
}
