using SmpAcademy.EventStore.Curriculum;
using SmpAcademy.Host.Accounts;
using SmpAcademy.Host.Audit;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Catalog;
using SmpAcademy.Host.Certificates;
using SmpAcademy.Host.Cluster;
using SmpAcademy.Host.Health;
using SmpAcademy.Host.Hosting;
using SmpAcademy.Host.RateLimiting;
using SmpAcademy.Host.Sessions;
using SmpAcademy.Host.Trainees;
using SmpAcademy.Host.Web;

if (AdminCreateCommand.IsInvoked(args))
    return await AdminCreateCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(DemoSignIn.Arguments(args));
try
{
    // Settings it cannot run with are refused before anything starts (no database, no silo).
    DemoSignIn.EnsureSafe(builder.Configuration);
    CheckpointWriter.IntervalFrom(builder.Configuration);
    Allowances.Read(builder.Configuration);
    PublicUrl.Configured(builder.Configuration);
    TrustedProxies.Read(builder.Configuration);
    ProviderSettings.Read(builder.Configuration);
    BrowserSignIn.Read(builder.Configuration);
}
catch (StartupRefusedException refused)
{
    await Console.Error.WriteLineAsync($"SmpAcademy did not start: {refused.Message}");
    return 2;
}

await using var database = await HostDatabase.StartAsync(builder.Configuration);
builder.AddSmpLogging();
builder.AddSmpCurriculum();

builder.AddSmpEventStore(database.ConnectionString);
builder.AddSmpOrleans(database.ConnectionString);
builder.AddSmpAuth();
builder.AddSmpAccounts();
builder.AddSmpApi();
builder.AddSmpAudit();
builder.AddSmpCertificates();
builder.AddSmpHealth();

var app = builder.Build();
app.UseSmpTrustedProxies(); // first: everything after sees the client's address, not the proxy's
app.UseSmpWebUi();
app.UseSmpApi();
app.MapSmpHealth();
app.MapDevTokenEndpoints();
app.MapBrowserSignInEndpoints();
app.MapAccountEndpoints();
app.MapInvitationEndpoints();
app.MapAccountAdminEndpoints();
app.MapPasskeyEndpoints();
app.MapMeEndpoints();
app.MapCatalogEndpoints();
app.MapTraineeEndpoints();
app.MapSessionEndpoints();
app.MapGradingEndpoints();
app.MapAuditEndpoints();
app.MapCheckpointLogEndpoints();
app.MapCertificateEndpoints();
app.MapHolderEndpoints();
app.PrintWelcome(database);
try
{
    await app.RunAsync();
}
catch (CurriculumDriftException drift)
{
    await Console.Error.WriteLineAsync($"SmpAcademy did not start: {drift.Message}");
    return CurriculumPins.DriftExitCode;
}

return Environment.ExitCode; // CurriculumPins sets it if the drift is found once the database first answers

public partial class Program;
