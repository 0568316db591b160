using Ivr.Data;
using Ivr.Data.Accounts;
using Ivr.OperationsConsole.Users;

namespace Ivr.Host.Commands;

public sealed class UsersCommand : CommandBase
{
    public override string Name => "users";

    public override string Summary => "operations console users: add one (password from standard input), list them";

    public override string Usage => $"""
        usage: ivr users add NAME --role agent|supervisor|editor|admin
               ivr users list

        add reads the password (at least {PasswordHasher.MinLength} characters) as one line from standard
        input, so it never shows in the process list or the shell history:
            printf '%s\n' "$PASSWORD" | ivr users add li --role supervisor
        The first admin may instead come from IVR_ADMIN_USER / IVR_ADMIN_PASSWORD when 'ivr serve'
        starts on a database without users.
          --role R         the new user's role
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "role"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        switch (line.Positional)
        {
            case ["list"]:
                if (!paths.DatabaseMayExist)
                {
                    Console.Error.WriteLine($"no database at {paths.Database}");
                    return 1;
                }

                await using (var connection = await paths.OpenDatabase().OpenConnectionAsync(cancellation))
                {
                    foreach (var user in await new ConsoleUserRepository(connection).ListAsync(cancellation))
                        Console.WriteLine($"{user.Name,-20} {ConsoleRoles.ToText(user.Role),-10} {(user.Disabled ? "disabled" : "active")}");
                }

                return 0;
            case ["add", var name]:
                if (!ConsoleRoles.TryParse(line.Get("role"), out var role))
                    throw new UsageException($"--role is one of {string.Join(", ", ConsoleRoles.Names)}");
                var password = (await Console.In.ReadLineAsync(cancellation))?.TrimEnd('\r') ?? "";
                Directory.CreateDirectory(paths.Data);
                var accounts = new UserAccounts(paths.OpenDatabase(), PasswordHasher.Production, TimeProvider.System);
                var problem = await accounts.AddAsync(name, role, password, cancellation);
                if (problem is not null)
                {
                    Console.Error.WriteLine($"ivr users: {problem}");
                    return 1;
                }

                Console.WriteLine($"added {name} ({ConsoleRoles.ToText(role)})");
                return 0;
            default:
                throw new UsageException("say 'add NAME --role R' or 'list'");
        }
    }
}
