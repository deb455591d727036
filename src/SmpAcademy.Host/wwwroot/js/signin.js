import { api, homeOf, say, signIn, token } from "./session.js";

const status = document.getElementById("status");
const role = document.getElementById("role");
const bodyField = document.getElementById("body-field");

async function enter() {
  try {
    const me = await api("/api/me");
    location.href = homeOf(me.role);
  } catch (error) {
    sessionStorage.clear();
    say(status, `Sign-in refused: ${error.message}`, "error");
  }
}

role.addEventListener("change", () => bodyField.classList.toggle("hidden", role.value !== "auditor"));

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
    say(status, error.status === 404 ? "This host uses an external identity provider: sign in with a token." : error.message, "error");
  }
});

document.getElementById("token-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  signIn(document.getElementById("token").value.trim());
  await enter();
});

try {
  const bodies = await api("/api/bodies");
  document.getElementById("body").replaceChildren(...bodies.map((b) => new Option(`${b.name} (${b.id})`, b.id)));
} catch (error) {
  say(status, `Could not load the certification bodies: ${error.message}`, "error");
}
if (token()) await enter();
