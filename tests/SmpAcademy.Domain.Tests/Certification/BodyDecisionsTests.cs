using SmpAcademy.Domain.Certification;
using SmpAcademy.Domain.Sessions;

namespace SmpAcademy.Domain.Tests.Certification;

public sealed class BodyDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 30, 15, 123, TimeSpan.Zero);

    private static CertificationDecision Decision(string trainee, bool certified) =>
        new(trainee, "smp-practitioner", certified, [new RequirementResult("final assessment", certified, certified ? "passed" : "not yet", [])]);

    private static object Issue(BodyState state, string trainee, bool certified = true) =>
        BodyDecisions.Issue(state, "guild", Decision(trainee, certified), "digest", "gus", Guid.NewGuid(), "did:key:z6Mk", "https://x/status", "https://x/api/bodies/guild", "eddsa-rdfc-2022", "Guild", Now);

    [Test]
    public void Status_bits_are_handed_out_in_order_and_never_reused_even_after_a_revocation()
    {
        var state = new BodyState();
        var first = (CertificateIssued)Issue(state, "ana");
        state.Apply(first);
        state.Apply(BodyDecisions.Revoke(state, "guild", first.CredentialId, "misconduct", "gus", Now));
        var again = (CertificateIssued)Issue(state, "ana");
        state.Apply(again);
        var other = (CertificateIssued)Issue(state, "bo");
        Assert.That((first.StatusIndex, again.StatusIndex, other.StatusIndex), Is.EqualTo((0, 1, 2)));
        Assert.That(first.At, Is.EqualTo(new DateTimeOffset(2026, 11, 24, 10, 30, 15, TimeSpan.Zero)), "whole seconds, as the credential shows it");
    }

    [Test]
    public void Only_a_decision_that_meets_every_requirement_is_certified_and_only_once()
    {
        var state = new BodyState();
        var refused = (Refusal)Issue(state, "ana", certified: false);
        Assert.That((refused.Code, refused.Message), Is.EqualTo(("not-certifiable", "ana does not meet: final assessment (not yet)")));
        state.Apply(Issue(state, "ana"));
        Assert.That(((Refusal)Issue(state, "ana")).Code, Is.EqualTo("already-certified"));
    }

    [Test]
    public void Revocation_needs_a_reason_and_a_certificate_of_this_body()
    {
        var state = new BodyState();
        var issued = (CertificateIssued)Issue(state, "ana");
        state.Apply(issued);
        Assert.That(BodyDecisions.Revoke(state, "guild", issued.CredentialId, " ", "gus", Now), Is.EqualTo(Refusal.BadInput("no-reason", "say why the certificate is revoked")));
        Assert.That(((Refusal)BodyDecisions.Revoke(state, "guild", Guid.NewGuid(), "x", "gus", Now)).Kind, Is.EqualTo(RefusalKind.NotFound));
        state.Apply(BodyDecisions.Revoke(state, "guild", issued.CredentialId, "  fraud ", "gus", Now));
        Assert.That(state.Certificates[issued.CredentialId].Revoked!.Reason, Is.EqualTo("fraud"));
        Assert.That(((Refusal)BodyDecisions.Revoke(state, "guild", issued.CredentialId, "again", "gus", Now)).Code, Is.EqualTo("already-revoked"));
    }

    [Test]
    public void A_creator_id_that_is_not_an_absolute_iri_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BodyDecisions.Issue(new BodyState(), "guild", Decision("ana", true), "digest", "gus", Guid.NewGuid(), "did:key:z6Mk", "https://x/status", "guild", "eddsa-rdfc-2022", "Guild", Now));
        var issued = (CertificateIssued)Issue(new BodyState(), "ana");
        Assert.That(issued.CreatorId, Is.EqualTo("https://x/api/bodies/guild"));
    }

    [Test]
    public void Certificates_issued_in_older_shapes_keep_the_creator_id_and_the_suite_they_were_signed_with()
    {
        var v2 = new CertificateIssuedV2("guild", Guid.NewGuid(), "ana", "smp-practitioner", 3, "digest", "gus", "did:key:z6Mk", "https://x/status", Now, "sha256:p");
        var v1 = new CertificateIssuedV1("guild", Guid.NewGuid(), "ana", "smp-practitioner", 3, "digest", "gus", "did:key:z6Mk", "https://x/status", Now);
        var v3 = new CertificateIssuedV3("guild", Guid.NewGuid(), "ana", "smp-practitioner", 3, "digest", "gus", "did:key:z6Mk", "https://x/status", "https://x/api/bodies/guild", Now, "sha256:p");
        Assert.That(((CertificateIssued)v3.Upcast()) is { CreatorId: "https://x/api/bodies/guild", ProgramDigest: "sha256:p", Cryptosuite: "eddsa-jcs-2022", IssuerName: "SmpAcademy" }, Is.True);
        Assert.That(((CertificateIssued)v2.Upcast()) is { CreatorId: "guild", ProgramDigest: "sha256:p", StatusIndex: 3, Cryptosuite: "eddsa-jcs-2022" }, Is.True);
        Assert.That(((CertificateIssued)v1.Upcast()) is { CreatorId: "guild", ProgramDigest: null, Cryptosuite: "eddsa-jcs-2022" }, Is.True);
    }
}
