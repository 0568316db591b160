namespace Ivr.Data.Migrations;

/// <summary>One schema step. <see cref="Version"/> orders the steps and is recorded in
/// <c>schema_version</c> once applied; a published migration is never edited, only followed.</summary>
public sealed record Migration(int Version, string Name, string Sql);
