using Microsoft.Extensions.Configuration;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Tests.Hosting;

/// <summary>The public address every signed IRI is under is checked before anything starts, not at the first certificate.</summary>
public class PublicUrlTests
{
    private static IConfiguration Settings(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicUrl.Setting] = value }).Build();

    [TestCase("academy.example")]
    [TestCase("ftp://academy.example")]
    [TestCase("https://academy.example/?tenant=1")]
    [TestCase("https://academy.example/#top")]
    public void A_public_url_that_could_not_name_the_platform_refuses_the_start(string value) =>
        Assert.That(() => PublicUrl.Configured(Settings(value)), Throws.TypeOf<StartupRefusedException>().With.Message.Contains(value));

    [Test]
    public void An_absolute_https_url_is_taken_and_none_means_the_listening_address()
    {
        Assert.That(PublicUrl.Configured(Settings("https://academy.example"))?.Host, Is.EqualTo("academy.example"));
        Assert.That(PublicUrl.Configured(Settings(null)), Is.Null);
    }
}
