import { api, element, requireRole, say, when } from "./session.js";

// The People card: only on a host with its own accounts (not behind an identity provider, not in demo).
await requireRole("admin");
const role = document.getElementById("invite-role");
const bodyField = document.getElementById("invite-body-field");
const result = document.getElementById("invite-result");
const link = document.getElementById("invite-link");

const accountsResult = document.getElementById("accounts-result");
let bodies = [];

// One choice per grant: the three plain roles, and an auditor of each body.
const grants = () => [["trainee", null], ["instructor", null], ["admin", null], ...bodies.map((b) => ["auditor", b.id])];
const grantName = (role, body) => (body ? `auditor of ${body}` : role);

async function manage(account, path, init, done) {
  try {
    await api(`/api/admin/accounts/${encodeURIComponent(account.userId)}${path}`, init);
    say(accountsResult, `${account.userId}: ${done}.`, "ok");
  } catch (error) {
    say(accountsResult, `${account.userId} unchanged: ${error.message}`, "error");
  }
  await listAccounts();
}

function controls(a) {
  const choice = element("select", { "aria-label": `Role of ${a.userId}` },
    grants().map(([role, body]) => element("option", { value: `${role}|${body ?? ""}`, selected: role === a.role && (body ?? null) === (a.body ?? null) }, grantName(role, body))));
  choice.addEventListener("change", () => {
    const [role, body] = choice.value.split("|");
    manage(a, "", { method: "PUT", body: { role, bodyId: body || null } }, `now ${grantName(role, body)}; their sessions ended`);
  });
  return element("td", {}, choice,
    a.disabled
      ? element("button", { type: "button", class: "link", onclick: () => manage(a, "/enable", { method: "POST" }, "enabled") }, "Enable")
      : element("button", { type: "button", class: "link", onclick: () => manage(a, "/disable", { method: "POST" }, "disabled; their sessions ended") }, "Disable"),
    a.lockedOut ? element("button", { type: "button", class: "link", onclick: () => manage(a, "/unlock", { method: "POST" }, "unlocked") }, "Unlock") : null);
}

/** One name in the Assigned column, with a button that takes the assignment off (seen from either side). */
function assignment(account, other) {
  const [trainee, instructor] = account.role === "trainee" ? [account.userId, other] : [other, account.userId];
  const unassign = async () => {
    try {
      await api(`/api/trainees/${encodeURIComponent(trainee)}/instructors/${encodeURIComponent(instructor)}`, { method: "DELETE" });
      say(accountsResult, `${instructor} no longer instructs ${trainee}.`, "ok");
    } catch (error) {
      say(accountsResult, `Still assigned: ${error.message}`, "error");
    }
    await listAccounts();
  };
  return element("span", { class: "assigned" }, other,
    element("button", { type: "button", class: "link", "aria-label": `Unassign ${instructor} from ${trainee}`, onclick: unassign }, "×"), " ");
}

async function listAccounts() {
  const accounts = await api("/api/admin/accounts");
  document.getElementById("accounts").replaceChildren(...accounts.map((a) =>
    element("tr", {}, element("td", {}, a.userId), element("td", {}, a.role), element("td", {}, a.body || "–"),
      element("td", {}, a.assigned.length ? a.assigned.map((other) => assignment(a, other)) : "–"), element("td", {}, when(a.createdAt)), element("td", {}, a.createdBy),
      element("td", {}, a.disabled ? "disabled" : a.lockedOut ? "locked out" : "active"), controls(a))));
}

// The assignment form (admin.js) says when one was made: the table shows it.
document.addEventListener("smp:assigned", () => listAccounts().catch(() => {}));

const options = await api("/api/signin-options");
if (options.accounts) {
  document.getElementById("people-card").classList.remove("hidden");
  bodies = await api("/api/bodies");
  document.getElementById("invite-body").replaceChildren(...bodies.map((b) => new Option(`${b.name} (${b.id})`, b.id)));
  role.addEventListener("change", () => bodyField.classList.toggle("hidden", role.value !== "auditor"));
  document.getElementById("invite-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const bodyId = role.value === "auditor" ? document.getElementById("invite-body").value : null;
      const issued = await api("/api/admin/invitations", { method: "POST", body: { role: role.value, bodyId } });
      // The server gives a path; the link is this page's own origin, never a Host header's.
      link.value = new URL(issued.path, location.origin).href;
      link.classList.remove("hidden");
      link.select();
      say(result, `Invitation for ${/^[aeiou]/.test(issued.role) ? "an" : "a"} ${issued.role}${issued.body ? ` of ${issued.body}` : ""}, good until ${when(issued.expiresAt)}:`, "ok");
    } catch (error) {
      say(result, `No invitation made: ${error.message}`, "error");
    }
  });
  try {
    await listAccounts();
  } catch (error) {
    say(document.getElementById("status"), error.message, "error");
  }
}
