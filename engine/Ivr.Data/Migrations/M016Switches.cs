namespace Ivr.Data.Migrations;

/// <summary>
/// Editor switches (issue 15): the value an editor last gave a flow's switch (<c>switches:</c> in a flow file),
/// who and when. A switch without a row has the value its flow declares. Version 16: 11 to 15 belong to other
/// work and may land before or after.
/// </summary>
internal static class M016Switches
{
    public static readonly Migration Migration = new(16, "editor switches", """
        CREATE TABLE switches (
            name       TEXT PRIMARY KEY,
            value      TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL
        );
        """);
}
