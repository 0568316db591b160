namespace Ivr.Core.Speech;

/// <summary>
/// What <see cref="MandarinSayAs.Render"/> produced: the prompt ids to play in order, or why the
/// value could not be read (then <see cref="Prompts"/> is empty).
/// </summary>
public sealed record SayAsResult
{
    private SayAsResult(IReadOnlyList<string> prompts, string? error)
    {
        Prompts = prompts;
        Error = error;
    }

    public IReadOnlyList<string> Prompts { get; }

    public string? Error { get; }

    public bool Succeeded => Error is null;

    public static SayAsResult Ok(IReadOnlyList<string> prompts) => new(prompts, null);

    public static SayAsResult Fail(string error) => new([], error);

    public override string ToString() => Error ?? string.Join(' ', Prompts);
}
