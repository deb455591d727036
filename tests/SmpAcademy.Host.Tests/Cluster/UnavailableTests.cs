using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmpAcademy.Host.Problems;

namespace SmpAcademy.Host.Tests.Cluster;

/// <summary>What a request that meets a lost silo or an unreachable database answers (the silo-loss test sees it over SignalR).</summary>
public class UnavailableTests
{
    [Test]
    public async Task A_lost_silo_or_an_unreachable_database_is_a_503_problem_with_retry_after()
    {
        foreach (var exception in new Exception[]
        {
            new SiloUnavailableException(),
            new TimeoutException("response did not arrive in time"),
            new InvalidOperationException("wrapped", new NpgsqlException("no connection", new SocketException((int)SocketError.ConnectionRefused))),
        })
        {
            var context = Context();
            Assert.That(await Handler(context).TryHandleAsync(context, exception, CancellationToken.None), Is.True, exception.GetType().Name);
            Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status503ServiceUnavailable));
            Assert.That(context.Response.Headers.RetryAfter.ToString(), Is.EqualTo("1"));
            context.Response.Body.Position = 0;
            var problem = JsonNode.Parse(context.Response.Body)!;
            Assert.That((string?)problem["code"], Is.EqualTo("unavailable"));
            Assert.That((string?)problem["detail"], Does.Contain("may or may not have been recorded"));
        }
    }

    [Test]
    public async Task Other_failures_are_left_to_the_default_handler()
    {
        var context = Context();
        Assert.That(await Handler(context).TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None), Is.False);
        Assert.That(Unavailable.IsTransient(new NpgsqlException("syntax error")), Is.False);
    }

    private static DefaultHttpContext Context()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }

    private static UnavailableHandler Handler(HttpContext context) => new();
}
