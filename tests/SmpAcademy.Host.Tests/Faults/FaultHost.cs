using Npgsql;
using SmpAcademy.LocalServers.Hosts;
using SmpAcademy.Testing;

namespace SmpAcademy.Host.Tests.Faults;

/// <summary>
/// The host a fault test runs against: the SmpAcademy.Host.dll built with this project, started as every local host
/// is (<see cref="HostProcess"/>), with localhost clustering and a data folder of its own. Its ports are chosen once:
/// after a SIGKILL it starts again on the same ports, database and data folder (so the same signing keys), and
/// clients simply retry the same address.
/// </summary>
internal static class FaultHost
{
    public static (HostProcess Host, string DataDirectory) Start(string connectionString)
    {
        var data = Path.Combine(Path.GetTempPath(), "smp-faults-" + Guid.NewGuid().ToString("N")[..10]);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "smp-fault-host" }.ConnectionString,
            ["Smp__DataDirectory"] = data,
            ["Smp__Schema"] = "smp",
            ["Smp__Curriculum"] = RepoPaths.Curriculum,
            ["Smp__DemoSignIn"] = "true",
            ["Smp__RateLimits__Scale"] = "1000", // writers hammer one host from one address; the limits have their own tests
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__SmpAcademy"] = "Information",
        };
        return (HostProcess.Start(Path.Combine(AppContext.BaseDirectory, "SmpAcademy.Host.dll"), settings), data);
    }
}
