namespace Ivr.Data.Security;

/// <summary>The database is bound to another <see cref="HashKey"/> than the one given (<see cref="HashKeyCheck"/>).</summary>
public sealed class HashKeyMismatchException() : InvalidOperationException(
    "this database was keyed with another hash key: every node of one database must use the same key file (copy the first node's "
    + "DATA/secrets/hash-key to the others and start each with --hash-key FILE)");
