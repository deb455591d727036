import { api, element, requireRole, say } from "./session.js";

// The Certification bodies card: each body with the key it signs with now, and a rotation.
await requireRole("admin");
const result = document.getElementById("bodies-result");

async function rotate(body) {
  if (!confirm(`Rotate the signing key of ${body.name}? New certificates will be signed with a new key.`)) return;
  try {
    const key = await api(`/api/bodies/${encodeURIComponent(body.id)}/keys`, { method: "POST" });
    say(result, `${body.id} now signs with key ${key.number}.`, "ok");
  } catch (error) {
    say(result, `${body.id} unchanged: ${error.message}`, "error");
  }
  await list();
}

async function list() {
  const bodies = await api("/api/bodies");
  const rows = await Promise.all(bodies.map(async (b) => {
    const keys = await api(`/api/bodies/${encodeURIComponent(b.id)}/keys`);
    const current = keys.find((k) => k.current);
    return element("tr", {}, element("td", {}, b.id), element("td", {}, b.name),
      element("td", {}, element("code", { title: current?.issuerDid }, current ? `${current.number}: ${current.issuerDid.slice(0, 24)}…` : "none yet: made at its first certificate")),
      element("td", {}, keys.length),
      element("td", {}, element("button", { type: "button", class: "link", "aria-label": `Rotate the key of ${b.id}`, onclick: () => rotate(b) }, "Rotate key")));
  }));
  document.getElementById("bodies").replaceChildren(...rows);
}

try {
  await list();
} catch (error) {
  say(result, `Could not list the bodies: ${error.message}`, "error");
}
