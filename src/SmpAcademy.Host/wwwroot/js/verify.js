// Public: anyone holding a certificate file, or a verification link its holder shared, can check it. No sign-in.
import { api, element, when } from "./session.js";

const $ = (id) => document.getElementById(id);

// A shared link names the certificate: show the platform's check of it as issued, and how fresh its revocation status is.
const query = new URLSearchParams(location.search);
if (query.get("body") && query.get("certificate")) {
  try {
    const v = await api(`/api/bodies/${encodeURIComponent(query.get("body"))}/certificates/${encodeURIComponent(query.get("certificate"))}/verification`);
    $("result").replaceChildren(
      element("p", { class: "verdict", "data-ok": String(v.valid) }, v.valid ? "Valid certificate." : v.revoked ? "REVOKED certificate." : "NOT a valid certificate."),
      element("dl", {},
        element("dt", { text: "Awarded to" }), element("dd", { text: v.awardedTo }),
        element("dt", { text: "Achievement" }), element("dd", { text: v.achievementName }),
        element("dt", { text: "Criteria" }), element("dd", { text: v.criteria }),
        element("dt", { text: "Awarded by" }), element("dd", { text: `${v.bodyName} (${v.issuerDid})` }),
        element("dt", { text: "Issued" }), element("dd", { text: when(v.issuedAt) }),
        element("dt", { text: "Revocation" }), element("dd", { text: v.revoked ? `revoked on ${when(v.revokedAt)}: ${v.revocationReason}` : "not revoked" }),
        element("dt", { text: "Status checked" }), element("dd", { text: `against the body's signed list, valid until ${when(v.statusListValidUntil)}` })),
      ...(v.problems.length ? [element("h3", { text: "Why not" }), element("ul", {}, ...v.problems.map((p) => element("li", { text: p })))] : []),
    );
  } catch (error) {
    $("result").replaceChildren(element("p", { class: "verdict", "data-ok": "false" }, `Could not check it: ${error.message}`));
  }
}

$("verify-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("file").files[0];
  const text = file ? await file.text() : $("text").value;
  let credential;
  try {
    credential = JSON.parse(text);
  } catch {
    $("result").replaceChildren(element("p", { class: "verdict", "data-ok": "false" }, "This is not a certificate file: it is not valid JSON."));
    return;
  }
  try {
    const v = await api("/api/credentials/verify", { method: "POST", body: credential });
    $("result").replaceChildren(
      element("p", { class: "verdict", "data-ok": String(v.valid) }, v.valid ? "Valid certificate." : "NOT a valid certificate."),
      element("dl", {},
        element("dt", { text: "Issued by" }), element("dd", { text: v.issuer || "–" }),
        element("dt", { text: "Awarded to" }), element("dd", { text: v.subject || "–" }),
        element("dt", { text: "Certificate id" }), element("dd", { text: v.credentialId || "–" }),
        element("dt", { text: "Revoked" }), element("dd", { text: v.revoked === null ? "unknown" : v.revoked ? "yes" : "no" })),
      ...(v.problems.length ? [element("h3", { text: "Why not" }), element("ul", {}, ...v.problems.map((p) => element("li", { text: p })))] : []),
    );
  } catch (error) {
    $("result").replaceChildren(element("p", { class: "verdict", "data-ok": "false" }, `Could not check it: ${error.message}`));
  }
});
