using SmpAcademy.Domain;
using SmpAcademy.Domain.Scoring;
using SmpAcademy.Grains.Contracts;
using SmpAcademy.Testing;

namespace SmpAcademy.Grains.Tests.Trainees;

public class TraineeGrainTests
{
    private Cluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => _cluster = await Cluster.StartAsync(TestDatabase.NewSchema());

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task Practising_needs_an_enrolment_in_a_program_that_exists()
    {
        var trainee = _cluster.Grains.GetGrain<ITraineeGrain>("fay");
        Assert.That((await trainee.StartSession("depth-ladder", null)).Refusal!.Code, Is.EqualTo("not-enrolled"));
        Assert.That((await trainee.Enroll("basket-weaving"))!.Kind, Is.EqualTo(RefusalKind.NotFound));
        Assert.That(await trainee.Enroll("smp-practitioner"), Is.Null);
        Assert.That((await trainee.StartSession("no-such-exercise", null)).Refusal!.Code, Is.EqualTo("unknown-exercise"));
        Assert.That((await trainee.StartSession("depth-ladder", null)).Opened, Is.Not.Null);
    }

    [Test]
    public async Task The_second_session_of_a_course_waits_for_healing_and_sees_the_first_sessions_dots()
    {
        var trainee = _cluster.Grains.GetGrain<ITraineeGrain>("gus");
        await trainee.Enroll("smp-practitioner");
        var first = (await trainee.StartSession("three-session-course", null)).Opened!;
        var session1 = _cluster.Grains.GetGrain<IPracticeSessionGrain>(first.SessionId);
        await session1.PlaceDots([new DotPlacement(100, 150, "1RL-0.25", 0.5, 0.6)]);
        Assert.That(await session1.Complete(), Is.Null);

        var early = await trainee.StartSession("three-session-course", first.CourseId);
        Assert.That(early.Refusal!.Code, Is.EqualTo("healing-interval"));
        Assert.That(early.Refusal.Kind, Is.EqualTo(RefusalKind.Conflict));

        Assert.That(await trainee.AdvanceCourse(first.CourseId, 7), Is.Null);
        var second = (await trainee.StartSession("three-session-course", first.CourseId)).Opened!;
        Assert.That((second.CourseSessionNumber, second.CourseDay), Is.EqualTo((2, 7)));

        var session2 = _cluster.Grains.GetGrain<IPracticeSessionGrain>(second.SessionId);
        var dot = (await session2.PlaceDots([new DotPlacement(100.35, 150, "1RL-0.25", 0.5, 0.6)])).Dots.Single();
        Assert.That(dot.SpacingScore, Is.LessThan(50), "0.35 mm from session 1's dot");
    }
}
