using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Host.Sessions;
using SmpAcademy.Host.Tests.Live;

namespace SmpAcademy.Host.Tests.Sessions;

/// <summary>Retries with an Idempotency-Key (HTTP) or a request id (hubs) are answered as the first try and record nothing twice.</summary>
public class IdempotencyOverHttpTests : HostFixture
{
    protected override bool OnKestrel => true;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private async Task<(HttpClient Client, string Trainee)> TraineeAsync()
    {
        var who = "k-" + Guid.NewGuid().ToString("N")[..6];
        var client = await SignInAsync(who, "trainee");
        await client.EnrollAsync(who);
        return (client, who);
    }

    [Test]
    public async Task A_retried_batch_returns_the_first_answer_and_records_nothing_new()
    {
        var (ada, who) = await TraineeAsync();
        var session = await ada.StartSessionAsync(who);
        var dots = new[] { Api.Dot(10, 10), Api.Dot(20, 20) };

        var first = await (await PostAsync(ada, $"/api/sessions/{session}/dots/batch", dots, "batch-1")).JsonAsync(HttpStatusCode.OK);
        var retry = await (await PostAsync(ada, $"/api/sessions/{session}/dots/batch", dots, "batch-1")).JsonAsync(HttpStatusCode.OK);

        Assert.That(retry.AsArray().Select(d => ((long)d!["sequence"]!, (double)d["spacingScore"]!)), Is.EqualTo(first.AsArray().Select(d => ((long)d!["sequence"]!, (double)d["spacingScore"]!))));
        var view = await (await ada.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)view["dotCount"]!, Is.EqualTo(2));

        var reused = await PostAsync(ada, $"/api/sessions/{session}/dots/batch", new[] { Api.Dot(30, 30) }, "batch-1");
        Assert.That(await reused.ProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused"), Does.Contain("different request"));
        var bad = await PostAsync(ada, $"/api/sessions/{session}/dots", Api.Dot(30, 30), "has space");
        await bad.ProblemAsync(HttpStatusCode.BadRequest, "bad-idempotency-key");
        Assert.That((int)(await (await ada.GetAsync($"/api/sessions/{session}")).JsonAsync(HttpStatusCode.OK))["dotCount"]!, Is.EqualTo(2), "refusals change nothing");
    }

    [Test]
    public async Task A_retried_session_start_and_completion_open_and_close_one_session()
    {
        var (bo, who) = await TraineeAsync();
        var first = await (await PostAsync(bo, $"/api/trainees/{who}/sessions", new { exerciseId = "random-fill" }, "start-1")).JsonAsync(HttpStatusCode.Created);
        var retry = await (await PostAsync(bo, $"/api/trainees/{who}/sessions", new { exerciseId = "random-fill" }, "start-1")).JsonAsync(HttpStatusCode.Created);
        Assert.That((string)retry["sessionId"]!, Is.EqualTo((string)first["sessionId"]!));

        var session = (string)first["sessionId"]!;
        await (await PostAsync(bo, $"/api/sessions/{session}/complete", new { }, "complete-1")).JsonAsync(HttpStatusCode.NoContent);
        await (await PostAsync(bo, $"/api/sessions/{session}/complete", new { }, "complete-1")).JsonAsync(HttpStatusCode.NoContent);
        var profile = await (await bo.GetAsync($"/api/trainees/{who}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(profile["sessions"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_hub_call_retried_with_its_request_id_is_answered_once()
    {
        var (client, who) = await TraineeAsync();
        var session = Guid.Parse(await client.StartSessionAsync(who));
        var hand = Watcher.Connect(BaseAddress, "/hubs/trainee", await TokenAsync(who, "trainee"));
        await hand.StartAsync();
        try
        {
            var dots = new[] { new DotPlacement(5, 5, "1RL-0.25", 0.5, 0.6), new DotPlacement(15, 5, "1RL-0.25", 0.5, 0.6) };
            var first = await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, dots, "hub-1");
            var retry = await hand.InvokeAsync<IReadOnlyList<ScoredDot>>("PlaceDots", session, dots, "hub-1");
            Assert.That(retry.Select(d => d.Sequence), Is.EqualTo(first.Select(d => d.Sequence)));
            var single = await hand.InvokeAsync<ScoredDot>("PlaceDot", session, dots[0] with { X = 25 }, null);
            Assert.That(single.Sequence, Is.EqualTo(3), "no key: a new dot every call");
        }
        finally
        {
            await hand.DisposeAsync();
        }
    }
}
