namespace Ivr.Data.Migrations;

/// <summary>
/// A voice message whose recording was cut by a crash (the server died while the caller spoke): its WAV was written
/// as it was recorded, so the audio up to that moment is kept, and the next start stores it with
/// <c>incomplete = 1</c> — the console marks it 未完成. Every message saved by a flow has <c>incomplete = 0</c>.
/// </summary>
internal static class M008IncompleteMessages
{
    public static readonly Migration Migration = new(8, "incomplete voice messages", """
        ALTER TABLE voice_messages ADD COLUMN incomplete INTEGER NOT NULL DEFAULT 0;
        """);
}
