import { api, homeOf, say, signIn, signOut } from "./session.js";

const status = document.getElementById("status");
const role = document.getElementById("role");
const bodyField = document.getElementById("body-field");
const show = (id, visible) => document.getElementById(id).classList.toggle("hidden", !visible);

/** Into the console of whoever is signed in (a token in this tab, or the provider's session cookie); false if nobody is. */
async function enter({ quiet = false } = {}) {
  try {
    const me = await api("/api/me");
    location.href = homeOf(me.role);
    return true;
  } catch (error) {
    sessionStorage.clear();
    if (error.status === 401 && quiet) return false;
    say(status, `Sign-in refused: ${error.message}`, "error");
    // Signed in, but not as anyone this host lets in: offer a way out to try another account.
    show("refused", error.status === 403);
    return false;
  }
}

role.addEventListener("change", () => bodyField.classList.toggle("hidden", role.value !== "auditor"));
document.getElementById("refused-sign-out").addEventListener("click", signOut);

document.getElementById("dev-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const minted = await api("/api/dev/tokens", {
      method: "POST",
      body: { userId: form.get("userId").trim(), role: form.get("role"), body: form.get("role") === "auditor" ? form.get("body") : null },
    });
    signIn(minted.token);
    await enter();
  } catch (error) {
    say(status, error.message, "error");
  }
});

/** A password sign-in or the first admin's setup: the host answers with a session cookie, never a token for script. */
// In the fragment, which browsers never send: the secret reaches no server log, proxy or Referer.
const invite = new URLSearchParams(location.hash.slice(1)).get("invite");
for (const [formId, path] of [["password-form", "/auth/password"], ["setup-form", "/auth/setup"], ["invite-form", "/auth/accept"]]) {
  document.getElementById(formId).addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(event.target));
    body.userId = body.userId.trim();
    if (formId === "invite-form") body.invite = invite;
    try {
      await api(path, { method: "POST", body });
      await enter();
    } catch (error) {
      say(status, error.message, "error");
    }
  });
}

// A passkey: the browser offers whichever of its passkeys are for this host, and the host checks the answer.
document.getElementById("passkey-sign-in").addEventListener("click", async () => {
  try {
    const options = await api("/auth/passkey/options", { method: "POST" });
    const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey) });
    await api("/auth/passkey", { method: "POST", body: { credential: credential.toJSON() } });
    await enter();
  } catch (error) {
    say(status, error.name === "NotAllowedError" ? "No passkey was used." : error.message, "error");
  }
});

document.getElementById("token-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  signIn(document.getElementById("token").value.trim());
  await enter();
});

try {
  const options = await api("/api/signin-options");
  show("provider-card", options.browser);
  show("token-card", options.provider !== null && !options.browser);
  show("dev-card", options.demo);
  show("invite-card", options.accounts && invite !== null);
  show("password-card", options.accounts && !options.setupOpen && invite === null);
  show("passkey-sign-in", options.accounts && "PublicKeyCredential" in window);
  show("setup-card", options.accounts && options.setupOpen);
  show("no-sign-in", !options.demo && options.provider === null && !options.accounts);
  if (options.provider) document.getElementById("provider-name").textContent = options.provider;
  if (options.demo) {
    const bodies = await api("/api/bodies");
    document.getElementById("body").replaceChildren(...bodies.map((b) => new Option(`${b.name} (${b.id})`, b.id)));
  }
} catch (error) {
  say(status, `Could not load how this host signs in: ${error.message}`, "error");
}

const refusedByProvider = new URLSearchParams(location.search).get("signin-error");
if (refusedByProvider) say(status, `The identity provider did not sign you in: ${refusedByProvider}`, "error");
else if (invite === null) await enter({ quiet: true });
