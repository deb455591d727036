using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmpAcademy.Host.Tests.Web;

/// <summary>
/// The consoles behind a real identity provider, in Chromium: people sign in by redirect (authorization code + PKCE)
/// and hold an HttpOnly session cookie; no token reaches page script or a URL, the hubs authenticate by the cookie,
/// a cookie write from another origin is refused, and signing out ends the session on the host too.
/// </summary>
[NonParallelizable]
internal sealed class ProviderSignInInBrowserTests : ProviderBrowserFixture
{
    /// <summary>A client sending this browser's session cookie, as a page on another site could make the browser do.</summary>
    private async Task<HttpClient> WithCookieOfAsync(IPage page)
    {
        var cookie = (await page.Context.CookiesAsync([BaseAddress.ToString()])).Single(c => c.Name == "smp.session");
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return client;
    }

    [Test]
    public async Task A_trainee_signs_in_at_the_provider_practises_and_her_instructor_watches_live_by_cookie()
    {
        var ada = await SignInAsync("ada");
        await Expect(ada).ToHaveURLAsync(new Regex("/trainee\\.html$"));
        Assert.That(await ada.EvaluateAsync<int>("sessionStorage.length + localStorage.length"), Is.Zero, "no token kept where page script reads it");
        var cookie = (await ada.Context.CookiesAsync()).Single(c => c.Name == "smp.session");
        Assert.That((cookie.HttpOnly, cookie.SameSite), Is.EqualTo((true, SameSiteAttribute.Lax)));
        Assert.That(cookie.Value, Does.Not.Contain("eyJ"), "the cookie holds a sealed session key, no JWT");

        await ada.GetByRole(AriaRole.Button, new() { Name = "Enrol" }).ClickAsync();
        await Expect(ada.Locator("#program")).ToHaveTextAsync("SMP Practitioner Certificate");
        using (var root = new HttpClient { BaseAddress = BaseAddress })
        {
            root.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Provider.TokenAsync("root"));
            await (await root.PostAsJsonAsync("/api/trainees/ada/instructors", new { instructorId = "ivy" })).JsonAsync(HttpStatusCode.NoContent);
        }

        await ada.GetByLabel("Exercise").SelectOptionAsync("random-fill");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        await Expect(ada.Locator("#session")).ToBeVisibleAsync();

        var ivy = await SignInAsync("ivy");
        await Expect(ivy).ToHaveURLAsync(new Regex("/instructor\\.html$"));
        await Expect(ivy.Locator("#live")).ToContainTextAsync("ada");
        await ivy.GetByRole(AriaRole.Button, new() { Name = "Watch ada's session" }).ClickAsync();
        await Expect(ivy.Locator("#live-dots")).ToHaveTextAsync("0");
        var skin = ada.Locator("#skin");
        await skin.ScrollIntoViewIfNeededAsync();
        var box = (await skin.BoundingBoxAsync())!;
        await skin.ClickAsync(new() { Position = new() { X = box.Width * 0.4f, Y = box.Height * 0.4f } });
        await Expect(ada.Locator("#dot-count")).ToHaveTextAsync("1");
        await Expect(ivy.Locator("#live-dots")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
    }

    [Test]
    public async Task A_cookie_write_or_hub_socket_from_another_origin_is_refused_and_changes_nothing()
    {
        var bea = await SignInAsync("bea");
        using var forged = await WithCookieOfAsync(bea);
        await (await forged.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);

        foreach (var origin in new[] { "http://evil.example", null })
        {
            using var enrol = new HttpRequestMessage(HttpMethod.Post, "/api/trainees/bea/enrollment") { Content = JsonContent.Create(new { programId = "smp-practitioner" }) };
            using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/trainee/negotiate?negotiateVersion=1");
            foreach (var request in new[] { enrol, negotiate })
            {
                if (origin is not null)
                    request.Headers.Add("Origin", origin);
                await (await forged.SendAsync(request)).ProblemAsync(HttpStatusCode.Forbidden, "cross-site");
            }
        }

        Assert.That((string?)(await (await forged.GetAsync("/api/trainees/bea")).JsonAsync(HttpStatusCode.OK))["programId"], Is.Null, "no refused write enrolled her");
        using var ours = new HttpRequestMessage(HttpMethod.Post, "/api/trainees/bea/enrollment") { Content = JsonContent.Create(new { programId = "smp-practitioner" }) };
        ours.Headers.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.That((await forged.SendAsync(ours)).IsSuccessStatusCode, Is.True, "the same request from the host's own origin is taken");
    }

    [Test]
    public async Task Signing_out_ends_the_session_on_the_host_so_a_copied_cookie_is_worthless()
    {
        var ivy = await SignInAsync("ivy");
        await Expect(ivy).ToHaveURLAsync(new Regex("/instructor\\.html$"));
        using var copied = await WithCookieOfAsync(ivy);
        await (await copied.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);

        // Signing out here ends the provider's session too (RP-initiated logout): its page confirms, then sends ivy back.
        await ivy.Locator("#sign-out").ClickAsync();
        await ProviderSignOutAsync(ivy);
        await Expect(ivy.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" })).ToBeVisibleAsync();
        Assert.That(await ivy.EvaluateAsync<int>("fetch('/api/me').then(r => r.status)"), Is.EqualTo(401));
        await (await copied.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);

        // The next sign-in asks for a login again rather than going straight through on the provider's old session.
        await ivy.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await Expect(ivy.Locator("input[name=login]")).ToBeVisibleAsync();
    }

    private async Task ProviderSignOutAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(new Regex($"^http://127\\.0\\.0\\.1:{ProviderPort}/session/end"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(BaseAddress.ToString()) + "$"));
    }

    [Test]
    public async Task A_provider_user_with_no_role_of_ours_is_told_why_and_the_page_does_not_loop()
    {
        var vic = await SignInAsync("vic");
        await Expect(vic.Locator("#status")).ToContainTextAsync("'smp_role' is 'visitor'");
        var url = vic.Url;
        await Task.Delay(1_500);
        Assert.That(vic.Url, Is.EqualTo(url), "the sign-in page stays put");
        await Expect(vic.Locator("#status")).ToContainTextAsync("Auth:Roles");
        // The page is already the sign-in page: wait for the reloaded page asking how to sign in.
        await vic.GetByRole(AriaRole.Button, new() { Name = "Sign out and try another account" }).ClickAsync();
        await ProviderSignOutAsync(vic);
        await Expect(vic.Locator("#refused")).ToBeHiddenAsync();
        await Expect(vic.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" })).ToBeVisibleAsync();
        Assert.That(await vic.EvaluateAsync<int>("fetch('/api/me').then(r => r.status)"), Is.EqualTo(401));
    }
}
/// <summary>A browser sign-in that lasts seconds: once it is over, the consoles send the browser back to sign in.</summary>
[NonParallelizable]
internal sealed class ExpiredBrowserSessionTests : ProviderBrowserFixture
{
    protected override string SessionMinutes => "0.1";

    [Test]
    public async Task An_expired_session_sends_the_browser_back_to_sign_in()
    {
        var ada = await SignInAsync("ada");
        await Expect(ada).ToHaveURLAsync(new Regex("/trainee\\.html$"));
        await Task.Delay(TimeSpan.FromSeconds(7));
        await ada.ReloadAsync();
        await Expect(ada).ToHaveURLAsync(new Regex("/$"));
        await Expect(ada.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" })).ToBeVisibleAsync();
    }
}
