using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using SmpAcademy.Host.RateLimiting;

namespace SmpAcademy.Host.Tests.RateLimiting;

/// <summary>
/// The host-wide export slots, driven as the endpoint pipeline drives them: a slot is held until the response has
/// been written (not when the handler returns: a bundle streams after), a few wait their turn, and beyond that 429.
/// </summary>
public class ExportGateTests
{
    /// <summary>A response that completes when the test says so, as the server completes it once the body is written.</summary>
    private sealed class Response : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

        public async Task CompleteAsync()
        {
            foreach (var (callback, state) in _completed)
                await callback(state);
        }
    }

    private sealed record Export(DefaultHttpContext Http, Response Response, Task<object?> Result);

    private static Export Start(ExportGate gate, Task<object?> handler)
    {
        var response = new Response();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(response);
        var context = new DefaultEndpointFilterInvocationContext(http);
        return new Export(http, response, gate.InvokeAsync(context, _ => new ValueTask<object?>(handler)).AsTask());
    }

    private static Allowances OneSlot() => Allowances.Read(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [$"{RateLimitSetup.Section}:ConcurrentExports"] = "1" }).Build());

    [Test]
    public async Task One_export_runs_two_wait_and_the_next_is_refused_until_the_running_one_has_been_written()
    {
        using var gate = new ExportGate(OneSlot());
        var written = Task.FromResult<object?>("bundle");

        var running = Start(gate, written);
        Assert.That(await running.Result, Is.EqualTo("bundle"), "the handler answered; its body has not been written yet");
        var waiting = new[] { Start(gate, written), Start(gate, written) };
        var refused = Start(gate, written);

        var problem = await refused.Result as ProblemHttpResult;
        Assert.That(problem?.StatusCode, Is.EqualTo(429));
        Assert.That(problem!.ProblemDetails.Extensions["code"], Is.EqualTo(RateLimitSetup.Code));
        Assert.That(refused.Http.Response.Headers.RetryAfter.ToString(), Is.EqualTo("5"));
        Assert.That(waiting.Select(w => w.Result.IsCompleted), Is.All.False, "the slot is still held while the first bundle streams");

        await running.Response.CompleteAsync();
        Assert.That(await waiting[0].Result.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo("bundle"), "the oldest waiting export runs next");
        Assert.That(waiting[1].Result.IsCompleted, Is.False);
        await waiting[0].Response.CompleteAsync();
        Assert.That(await waiting[1].Result.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo("bundle"));
    }

    [Test]
    public void A_host_with_no_export_slots_refuses_to_start()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"{RateLimitSetup.Section}:ConcurrentExports"] = "0" }).Build();
        Assert.Throws<Host.Hosting.StartupRefusedException>(() => Allowances.Read(settings));
        var noDots = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"{RateLimitSetup.Section}:Dots:PerMinute"] = "0" }).Build();
        Assert.That(() => Allowances.Read(noDots), Throws.TypeOf<Host.Hosting.StartupRefusedException>().With.Message.Contains("Dots"));
    }
}
