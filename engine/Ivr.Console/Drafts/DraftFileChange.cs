namespace Ivr.OperationsConsole.Drafts;

/// <summary>
/// A file to write when publishing (path as a draft names it, e.g. <c>flows/main.yaml</c>): the text <see cref="Content"/>, or
/// the bytes <see cref="Audio"/> of a prompt's regenerated audio (<c>prompts/ID.wav</c>) or of <c>prompts/audio.manifest</c>
/// (<see cref="DraftPaths.CheckAudioPath"/>); neither removes the file.
/// </summary>
public sealed record DraftFileChange(string Path, string? Content, byte[]? Audio = null);
