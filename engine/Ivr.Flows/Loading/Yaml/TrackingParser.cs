using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ivr.Flows.Loading.Yaml;

/// <summary>A YamlDotNet parser that remembers where the last event it produced ended, to place errors it cannot place itself.</summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (inner.Current is { } current) LastEnd = current.End;
        return inner.MoveNext();
    }
}
