using Ivr.Core.Calls;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// Where a try-call's replay script goes in a draft, as tests/replay files its scripts: <c>replay/FLOW/NN-NAME.yaml</c>, FLOW the
/// one asked for, else the first flow the call entered after the one answering the number (the subflow it tried; the answering
/// flow when it went nowhere else), NN the number after the highest one already in that folder.
/// </summary>
internal static class TryCallScriptPath
{
    public const int MaxName = 40;

    /// <summary>A name of 1 to <see cref="MaxName"/> of <c>a-z</c>, <c>0-9</c> and <c>-</c>, not starting with <c>-</c>; null otherwise.</summary>
    public static string? CheckName(string? name)
    {
        var trimmed = name?.Trim().ToLowerInvariant();
        return trimmed is { Length: > 0 and <= MaxName } && trimmed[0] != '-' && trimmed.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? trimmed : null;
    }

    /// <summary>The replay folder of the call (<c>replay/FLOW/</c>); null when <paramref name="flow"/> names no flow of the call's set.</summary>
    public static string? FolderOf(TryCall call, string? flow)
    {
        if (!string.IsNullOrEmpty(flow)) return call.Set.Flows.ContainsKey(flow) ? $"replay/{flow}/" : null;
        var entry = call.Set.FlowFor(TryCallScript.Dialled)?.Name ?? "main";
        var flows = call.Recorder.Events().Where(e => e.Kind == CallEventKind.NodeEntered && e.Node is not null).Select(e => e.Node!.Split('.')[0]);
        return $"replay/{flows.FirstOrDefault(f => f != entry) ?? entry}/";
    }

    /// <summary>The path for <paramref name="name"/> in <paramref name="folder"/>, numbered after every path of <paramref name="taken"/> there.</summary>
    public static string Next(string folder, string name, IEnumerable<string> taken)
    {
        var highest = taken.Where(p => p.StartsWith(folder, StringComparison.Ordinal))
            .Select(p => p[folder.Length..])
            .Select(file => file.Length > 2 && file[2] == '-' && int.TryParse(file[..2], out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return $"{folder}{highest + 1:D2}-{name}.yaml";
    }
}
