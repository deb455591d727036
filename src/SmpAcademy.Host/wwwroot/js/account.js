import { api, element, homeOf, requireRole, say, when } from "./session.js";

// Every role has an account page; it is for this host's own accounts (a provider's session has its passkeys there).
const me = await requireRole("trainee", "instructor", "auditor", "admin");
document.getElementById("home").href = homeOf(me.role);
const result = document.getElementById("passkeys-result");

async function list() {
  const passkeys = await api("/api/account/passkeys");
  document.getElementById("passkeys").replaceChildren(...passkeys.map((p) =>
    element("tr", {}, element("td", {}, p.name), element("td", {}, when(p.createdAt)), element("td", {}, p.lastUsedAt ? when(p.lastUsedAt) : "never"),
      element("td", {}, element("button", { type: "button", class: "link", "aria-label": `Remove ${p.name}`, onclick: () => remove(p) }, "Remove")))));
}

async function remove(passkey) {
  try {
    await api(`/api/account/passkeys/${encodeURIComponent(passkey.id)}`, { method: "DELETE" });
    say(result, `${passkey.name} removed: it signs nobody in again.`, "ok");
  } catch (error) {
    say(result, `Not removed: ${error.message}`, "error");
  }
  await list();
}

document.getElementById("passkey-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const password = document.getElementById("passkey-password");
  try {
    const options = await api("/api/account/passkeys/options", { method: "POST", body: { password: password.value } });
    password.value = "";
    const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey) });
    const added = await api("/api/account/passkeys", { method: "POST", body: { credential: credential.toJSON(), name: document.getElementById("passkey-name").value } });
    say(result, `${added.name} added: you can sign in with it.`, "ok");
  } catch (error) {
    say(result, error.name === "NotAllowedError" ? "No passkey was made." : `No passkey added: ${error.message}`, "error");
  }
  await list();
});

if (me.account) await list();
else say(document.getElementById("status"), "You signed in through an identity provider or a token: passkeys are for this host's own accounts.", "error");
