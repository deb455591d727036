using SmpAcademy.Host.Auth;
using SmpAcademy.Host.Hosting;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>Browser sign-in's settings are checked before anything starts; a wrong one refuses the start and says which.</summary>
public class BrowserSignInSettingsTests
{
    [Test]
    public void Without_a_client_id_the_provider_is_for_bearer_tokens_only() =>
        Assert.That(BrowserSignIn.Read(TestSettings.Of(("Auth:Authority", "https://id.example"))), Is.Null);

    [Test]
    public void Defaults_ask_for_openid_always_and_last_a_working_day()
    {
        var browser = BrowserSignIn.Read(TestSettings.Of(("Auth:Authority", "https://id.example"), ("Auth:ClientId", "smp"), ("Auth:Scopes", "smp profile smp")))!;
        Assert.That(browser.Scopes, Is.EqualTo(new[] { "openid", "smp", "profile" }));
        Assert.That((browser.Session, browser.ClientSecret), Is.EqualTo((TimeSpan.FromHours(8), (string?)null)));
    }

    [TestCase("Auth:SessionMinutes", "0", "more than 0")]
    [TestCase("Auth:SessionMinutes", "1441", "at most 1440")]
    [TestCase("Auth:SessionMinutes", "NaN", "more than 0")]
    [TestCase("Auth:Authority", "", "Auth:Authority is not")]
    public void A_bad_setting_refuses_the_start(string key, string value, string said)
    {
        var settings = TestSettings.Of(("Auth:Authority", "https://id.example"), ("Auth:ClientId", "smp"), (key, value));
        Assert.That(() => BrowserSignIn.Read(settings), Throws.TypeOf<StartupRefusedException>().With.Message.Contains(said));
    }
}
