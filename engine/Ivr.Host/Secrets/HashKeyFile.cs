using Ivr.Data.Security;

namespace Ivr.Host.Secrets;

/// <summary>
/// The file that holds the deployment's <see cref="HashKey"/>: <see cref="HashKey.Length"/> random bytes, readable by
/// its owner only (0600, its folder 0700). Made with create-new semantics — written under a temporary name, then linked
/// into place only if no file is there — so two processes starting at once end with one key, and an existing key is
/// never overwritten. A file that is short, unreadable or open to group or others is refused with a message saying
/// what to do; nothing here ever writes the key's bytes anywhere but the file.
/// </summary>
public static class HashKeyFile
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A single node's key file: <c>DATA/secrets/hash-key</c>.</summary>
    public static string DefaultPath(string dataFolder) => Path.Combine(dataFolder, "secrets", "hash-key");

    /// <summary>The key of <paramref name="path"/>, made first when there is none; <c>Created</c> tells which.</summary>
    /// <exception cref="InvalidDataException">The file exists but is refused (the message says why and what to do).</exception>
    public static (HashKey Key, bool Created) LoadOrCreate(string path)
        => TryCreate(path, HashKey.Length) is { } made ? (HashKey.FromBytes(made), true) : (Load(path), false);

    /// <summary>Makes a new key file at <paramref name="path"/> (<c>ivr secrets create-hash-key</c>).</summary>
    /// <exception cref="IOException">A file is there already: a key is never overwritten.</exception>
    public static void Create(string path)
    {
        if (TryCreate(path, HashKey.Length) is null) throw new IOException($"{path} exists already; a hash key is never overwritten");
    }

    /// <summary>Writes <paramref name="key"/> bytes as a new key file (a restore); false when a file is there already.</summary>
    public static bool TryWrite(string path, ReadOnlySpan<byte> key) => TryCreate(path, key.ToArray()) is not null;

    /// <summary>Reads the key of an existing file.</summary>
    /// <exception cref="InvalidDataException">Missing, unreadable, open to group or others, or shorter than <see cref="HashKey.Length"/> bytes.</exception>
    public static HashKey Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: no such key file (make one with 'ivr secrets create-hash-key {path}', or copy the one every other node uses)");
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & Others) != 0)
            throw new InvalidDataException($"{path}: readable or writable by group or others (mode {Octal(File.GetUnixFileMode(path))}); make it the owner's only: chmod 600 {path}");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({ex.GetType().Name}); the server's user must own it (chmod 600)");
        }

        return bytes.Length >= HashKey.Length ? HashKey.FromBytes(bytes)
            : throw new InvalidDataException($"{path}: holds {bytes.Length} bytes, a hash key needs at least {HashKey.Length}; restore the deployment's key file (a new key would not match the database)");
    }

    private static byte[]? TryCreate(string path, int length) => File.Exists(path) ? null : TryCreate(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(length));

    /// <returns>The bytes written, or null when a file was there already (now or by the time of the link).</returns>
    private static byte[]? TryCreate(string path, byte[] key)
    {
        if (File.Exists(path)) return null;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerFolder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerFile;
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }

            return NoReplaceLink.TryLink(temporary, path) ? key : null;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
