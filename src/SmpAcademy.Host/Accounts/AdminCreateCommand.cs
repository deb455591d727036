using Marten;
using Microsoft.AspNetCore.Identity;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Accounts;

/// <summary>
/// <c>SmpAcademy.Host admin create USER</c> (<c>infra/dev/admin.sh create USER</c>): an admin account made from the
/// server's own console, for an install whose setup code is lost or that is provisioned by script. It uses the host's
/// settings and database, takes the password on standard input (never an argument, which <c>ps</c> shows), and ends
/// first-admin setup. Run it while the host is stopped when the host uses its private PostgreSQL.
/// </summary>
public static class AdminCreateCommand
{
    public static bool IsInvoked(string[] args) => args is ["admin", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["admin", "create", var userId, .. var rest] || userId.StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("usage: admin create USER [host settings]   (the password is read from standard input)");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(rest);
        if (!AccountSetup.IsOn(builder.Configuration))
        {
            await Console.Error.WriteLineAsync("this host does not use its own accounts (it has an identity provider, or demo sign-in): nothing to create");
            return 2;
        }

        if (!AccountEndpoints.UserIdPattern().IsMatch(userId))
        {
            await Console.Error.WriteLineAsync($"'{userId}' is not a user name: {AccountEndpoints.BadUserId}");
            return 2;
        }

        var password = await ReadPasswordAsync(userId);
        if (password is null)
        {
            await Console.Error.WriteLineAsync("not created: no password given, or the two typed differ");
            return 1;
        }

        await using var database = await HostDatabase.StartAsync(builder.Configuration);
        builder.AddSmpLogging();
        builder.AddSmpEventStore(database.ConnectionString);
        builder.AddSmpAccounts();
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { Id = userId, Role = Roles.Admin, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "console" };
        if (await AccountEndpoints.WeakPasswordAsync(users, account, password) is { } weak)
        {
            await Console.Error.WriteLineAsync($"not created: {(weak.ProblemDetails.Detail)}");
            return 1;
        }

        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync($"not created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            return 1;
        }

        // An admin exists now: the setup code stops working at the next start.
        await using (var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            if (await session.LoadAsync<SetupCode.FirstAdmin>(SetupCode.FirstAdmin.Key) is null)
                session.Insert(new SetupCode.FirstAdmin { AdminId = userId, At = account.CreatedAt });
            await session.SaveChangesAsync();
        }

        File.Delete(Path.Combine(HostDatabase.DataDirectory(builder.Configuration), "setup-code"));
        Console.WriteLine($"admin '{userId}' created; sign in at the consoles");
        return 0;
    }

    /// <summary>One line from standard input; on a terminal, asked for twice without echo.</summary>
    private static async Task<string?> ReadPasswordAsync(string userId)
    {
        if (Console.IsInputRedirected)
            return await Console.In.ReadLineAsync();
        var first = Prompt($"password for {userId}: ");
        return Prompt("again: ") == first ? first : null;
    }

    private static string Prompt(string question)
    {
        Console.Write(question);
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                typed.Length--;
            else if (!char.IsControl(key.KeyChar))
                typed.Append(key.KeyChar);
        }

        Console.WriteLine();
        return typed.ToString();
    }
}
