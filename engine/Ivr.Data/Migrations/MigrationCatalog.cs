namespace Ivr.Data.Migrations;

/// <summary>Every migration of the hotline database, in order. Append new steps; never edit one
/// that has shipped.</summary>
public static class MigrationCatalog
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        M001CallRecords.Migration,
        M002Residents.Migration,
        M003ServiceRecords.Migration,
        M004FaxJobs.Migration,
        M005Console.Migration,
        M006Nodes.Migration,
        M007NodeHeartbeats.Migration,
        M008IncompleteMessages.Migration,
        M009PinThrottles.Migration,
        M010PublishedFlowSets.Migration,
        M011StatisticsRollups.Migration,
        M012RetentionAndBackups.Migration,
        M013HandoffTokens.Migration,
        M014CallerCare.Migration,
        M015Drafts.Migration,
        M016Switches.Migration,
        M017CallPaths.Migration,
        M018DueBeyondCalendar.Migration,
        M019CallbackOutcomes.Migration,
        M020PinLockOrigins.Migration,
        M021PinAlarms.Migration,
        M022PinAttemptCallerKeys.Migration,
        M023HashKeyCheck.Migration,
        M024SurveyRollups.Migration,
        M025PathRollupsPerNode.Migration,
        M027BulkLoadDeferrals.Migration,
    ];
}
