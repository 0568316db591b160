namespace Ivr.Data.Migrations;

/// <summary>
/// The social-security records the self-service side reads: people (resident ID, hotline PIN
/// hash), cards (12-digit number, 10-digit serial 电脑序号), pensions, contributions, appraisals,
/// and the PIN lockout state. Money is integer fen (分); months are <c>yyyy-MM</c>.
/// <c>pin_failures.subject</c> is the resident ID as entered, not a foreign key: unknown IDs count
/// and lock exactly like known ones, so lockout never reveals whether an ID exists.
/// </summary>
internal static class M002Residents
{
    public static readonly Migration Migration = new(2, "residents", """
        CREATE TABLE people (
            id         TEXT PRIMARY KEY,
            name       TEXT NOT NULL,
            region     TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            pin_hash   TEXT
        );

        CREATE TABLE cards (
            number         TEXT PRIMARY KEY,
            serial         TEXT NOT NULL UNIQUE,
            person_id      TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            status         TEXT NOT NULL CHECK (status IN ('active', 'lost')),
            lost_at        TEXT,
            loss_reference TEXT
        );
        CREATE INDEX ix_cards_person ON cards (person_id);

        CREATE TABLE pensions (
            person_id           TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
            monthly_fen         INTEGER NOT NULL,
            last_paid_month     TEXT NOT NULL,
            account_balance_fen INTEGER NOT NULL,
            years_contributed   INTEGER NOT NULL
        );

        CREATE TABLE contributions (
            person_id           TEXT PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
            last_month          TEXT NOT NULL,
            months              INTEGER NOT NULL,
            medical_balance_fen INTEGER NOT NULL,
            arrears_fen         INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE appraisals (
            number     TEXT PRIMARY KEY,
            person_id  TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            conclusion TEXT NOT NULL,
            grade      TEXT NOT NULL
        );
        CREATE INDEX ix_appraisals_person ON appraisals (person_id);

        CREATE TABLE pin_failures (
            subject TEXT NOT NULL,
            at      TEXT NOT NULL
        );
        CREATE INDEX ix_pin_failures_subject ON pin_failures (subject, at);

        CREATE TABLE pin_locks (
            subject      TEXT PRIMARY KEY,
            locked_until TEXT NOT NULL
        );
        """);
}
