using SmpAcademy.Audit.Credentials;

namespace SmpAcademy.Audit.Tests.Credentials;

public sealed class CredentialKeyRingTests
{
    private string _data = null!;

    [SetUp]
    public void CreateFolder() => _data = Directory.CreateTempSubdirectory("smp-key-ring-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_data, recursive: true);

    [Test]
    public void Each_body_has_its_own_key_and_rotation_keeps_the_old_ones()
    {
        using var ring = CredentialKeyRing.Load(_data);
        var (guild, number) = ring.Current("smp-guild");
        var (board, _) = ring.Current("pigment-board");
        Assert.That((number, guild.IssuerDid), Is.Not.EqualTo((1, board.IssuerDid)));
        Assert.That(new[] { guild.IssuerDid, board.IssuerDid, ring.Platform.IssuerDid }, Is.Unique);

        var rotated = ring.Rotate("smp-guild");
        Assert.That(rotated, Is.EqualTo(new BodyKey("smp-guild", 2, rotated.IssuerDid, true)));
        Assert.That(ring.Current("smp-guild").Signer.IssuerDid, Is.EqualTo(rotated.IssuerDid));
        Assert.That(ring.Keys("smp-guild").Select(k => (k.Number, k.IssuerDid, k.Current)),
            Is.EqualTo(new[] { (1, guild.IssuerDid, false), (2, rotated.IssuerDid, true) }));

        // Every key is found again by its DID, but only under its own body (or the platform's, under any).
        Assert.That(ring.ByDid("smp-guild", guild.IssuerDid)?.IssuerDid, Is.EqualTo(guild.IssuerDid));
        Assert.That(ring.ByDid("pigment-board", guild.IssuerDid), Is.Null);
        Assert.That(ring.ByDid("pigment-board", ring.Platform.IssuerDid), Is.SameAs(ring.Platform));
    }

    [Test]
    public void Keys_survive_a_restart_and_are_readable_by_the_owner_only()
    {
        string first;
        using (var ring = CredentialKeyRing.Load(_data))
            first = ring.Current("smp-guild").Signer.IssuerDid;
        using var again = CredentialKeyRing.Load(_data);

        Assert.That(again.Current("smp-guild").Signer.IssuerDid, Is.EqualTo(first));
        var file = Path.Combine(_data, "credential-keys", "smp-guild", "1.key");
        Assert.That(new FileInfo(file).Length, Is.EqualTo(32));
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [TestCase("../escape")]
    [TestCase("")]
    [TestCase("Guild")]
    [TestCase("smp-guild\n")]
    public void A_body_id_that_is_not_one_never_becomes_a_path(string bodyId)
    {
        using var ring = CredentialKeyRing.Load(_data);
        Assert.Throws<ArgumentException>(() => ring.Current(bodyId));
        Assert.That(Directory.GetDirectories(_data, "*", SearchOption.AllDirectories), Is.Empty);
    }
}
