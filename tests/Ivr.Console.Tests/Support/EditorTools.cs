using Ivr.Data;
using Ivr.Data.Switches;
using Ivr.Host.Hosting;
using Ivr.Host.Prompts;
using Ivr.OperationsConsole.TryCalls;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>The editors' tools of a test console: switches in its database, uploads into its own copy of the prompts, try-calls on the demo back end.</summary>
internal sealed class EditorTools(EditorServices services, TryCallDemoBackend backend) : IAsyncDisposable
{
    public EditorServices Services { get; } = services;

    public string PromptsFolder { get; private init; } = "";

    public static EditorTools Create(IvrDatabase database, FakeTimeProvider time, string prompts, List<string> log)
    {
        var backend = new TryCallDemoBackend();
        var board = new SwitchBoard(database, time, line => { lock (log) log.Add(line); });
        return new EditorTools(new EditorServices(board, new ServedPromptAudio(prompts), new TryCallBackend(backend.Lookups), new EspeakSynthesizer()), backend) { PromptsFolder = prompts };
    }

    /// <summary>A copy of the repository's prompts (catalog, manifest, audio) that uploads may overwrite.</summary>
    public static string CopyPrompts(string folder)
    {
        var copy = Path.Combine(folder, "prompts");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Prompts)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.Switches.DisposeAsync();
        await backend.DisposeAsync();
    }
}
