using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.SignalR;
using SmpAcademy.Curriculum;
using SmpAcademy.Curriculum.Loading;
using SmpAcademy.EventStore;
using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Live;
using SmpAcademy.Host.OpenApi;
using SmpAcademy.Host.Problems;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Hosting;

public static class HostingSetup
{
    /// <summary>Loads curriculum/, and opens its archive first thing at start (before the silo), see <see cref="CurriculumPins"/>.</summary>
    public static void AddSmpCurriculum(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(CurriculumLoader.Load(CurriculumLocator.Find(builder.Configuration["Smp:Curriculum"])));
        builder.Services.AddSingleton<CurriculumPins>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CurriculumPins>());
    }

    public static void AddSmpEventStore(this WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var schema = builder.Configuration["Smp:Schema"] ?? EventStoreSetup.DefaultSchema;
        builder.Services.AddMarten(options =>
        {
            EventStoreSetup.Configure(options, connectionString, schema);
            EventStoreSetup.AddProjections(options);
        });
    }

    /// <summary>
    /// Frameworks' start-up chatter (Orleans option dumps, Marten's schema SQL, the hosting lifetime's
    /// "environment: Production") goes to Debug, so the run command's banner is what a newcomer reads.
    /// Smp:VerboseLogs=true keeps it all, but for request lines, which are never logged below Warning: they carry the
    /// URL with its query, and a browser's hub socket carries its bearer token there (WebSockets take no header).
    /// </summary>
    public static void AddSmpLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.Warning);
        if (builder.Configuration.GetValue("Smp:VerboseLogs", false))
            return;
        foreach (var category in new[] { "Orleans", "Marten", "JasperFx", "Weasel", "Microsoft.Hosting.Lifetime", "Microsoft.AspNetCore.DataProtection" })
            builder.Logging.AddFilter(category, LogLevel.Warning);
    }

    public static void AddSmpApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A request still open when the host stops holds Kestrel's graceful drain for the host's whole shutdown budget:
        // hub sockets are closed as the host begins to stop (StoppingHubFilter, those opened meanwhile included), and
        // 15 s (Smp:ShutdownSeconds) bounds anything else while leaving room inside Kubernetes' default 30 s grace period.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Smp:ShutdownSeconds", 15)));
        // No request is larger than a full batch as a hub message: a 20 MB reason is refused (413) before it is read.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = Domain.Limits.HubMessageBytes);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.Fill);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<UnavailableHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSmpOpenApi();
        builder.AddSmpRateLimits();
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = Domain.Limits.HubMessageBytes; // a whole batch fits, as advertised
                o.MaximumParallelInvocationsPerClient = Domain.Limits.CallsInFlightPerConnection;
                o.AddFilter<StoppingHubFilter>();
                o.AddFilter<UnavailableHubFilter>();
                o.AddFilter<ActingCaller.HubFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = LiveProtocols.Json)
            .AddMessagePackProtocol(o => o.SerializerOptions = LiveProtocols.MessagePack);
        builder.Services.AddSingleton<SessionFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SessionFeed>());
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // A missing or null field is an error, not a silent zero (a dot at (0, 0), depth 0).
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.RespectNullableAnnotations = true;
            // A number is a JSON number: "10" is refused, and the contract types numbers as numbers, not number-or-string.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
        });
    }

    public static void UseSmpApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRetryAfterOnUnavailable();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseSameOriginCheck();
        app.UseAuthorization();
        app.UseSmpRateLimits(); // after sign-in is known: a signed-in caller's allowance is theirs, wherever they connect from
        app.UseActingCaller();
        app.MapOpenApi();
        app.MapHub<TraineeHub>("/hubs/trainee");
        app.MapHub<InstructorHub>("/hubs/instructor");
    }

    public static void PrintWelcome(this WebApplication app, HostDatabase database)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(database);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var url = app.Urls.FirstOrDefault() ?? "http://localhost:5000";
            var catalog = app.Services.GetRequiredService<CurriculumCatalog>();
            var storage = database.PrivateDataDirectory is { } d ? $"private PostgreSQL in {d}" : "the configured PostgreSQL";
            var demo = Auth.DemoSignIn.IsOn(app.Configuration);
            var mode = demo ? "DEMO: the development issuer mints a token for any name and role (loopback only; not for real use)"
                : !string.IsNullOrEmpty(app.Configuration["Auth:Authority"])
                    ? $"accounts at {app.Configuration["Auth:Authority"]} ({(BrowserSignIn.Read(app.Configuration) is null ? "its bearer tokens only: set Auth__ClientId for the consoles' redirect sign-in" : "the consoles sign in by redirect; APIs take its bearer tokens")})"
                : "this host's own accounts (passwords, with lockout); or connect an identity provider with Auth__Authority";
            var setup = app.Services.GetService<Accounts.SetupCode>();
            var howTo = demo
                ? $$"""
                  Sign in (demo issuer): get a token, then send it as "Authorization: Bearer <token>":
                    curl -s -X POST {{url}}/api/dev/tokens -H 'Content-Type: application/json' -d '{"userId":"ada","role":"trainee"}'
                  """
                : setup?.Code is { } code
                    ? $"  First start: make the first admin at {url}/ with the one-time setup code {code} (also in {setup.FilePath}, owner-only)."
                : setup is not null
                    ? "  Sign in at the consoles with an account; an admin invites the others."
                    : "  Sign in with a token from the identity provider, sent as \"Authorization: Bearer <token>\".";
            Console.WriteLine($$"""

                SmpAcademy is running at {{url}}
                  curriculum: {{catalog.Skins.Count}} skins, {{catalog.Programs.Count}} program(s), rubric v{{catalog.LatestRubric.Version}}
                  database:   {{storage}}
                  sign-in:    {{mode}}
                  consoles:   {{url}}/ (sign in as a trainee, instructor, auditor or admin)
                  API:        {{url}}/openapi/v1.json
                {{howTo}}
                Stop with Ctrl+C.
                """);
        });
    }
}
