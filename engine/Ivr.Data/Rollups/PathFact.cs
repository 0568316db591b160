namespace Ivr.Data.Rollups;

/// <summary>
/// The kinds of <c>rollup_paths</c> rows. None needs to know which nodes are menus, so the console can
/// apply the menus of each flow version when it reads them:
/// <list type="bullet">
/// <item><see cref="Entered"/>: calls that entered <c>node</c> at least once.</item>
/// <item><see cref="Step"/>: moves from <c>node</c> to another node <c>next</c>.</item>
/// <item><see cref="Abandoned"/>: abandoned calls whose last node was <c>node</c>.</item>
/// <item><see cref="Transferred"/>: transferred calls that entered <c>node</c>, with <c>next</c> the
/// nodes entered after its last visit (sorted, space-separated): <c>node</c> was the call's last menu
/// exactly when it is a menu and none of those is.</item>
/// </list>
/// </summary>
public static class PathFact
{
    public const string Entered = "entered";
    public const string Step = "step";
    public const string Abandoned = "abandoned";
    public const string Transferred = "transferred";
}
