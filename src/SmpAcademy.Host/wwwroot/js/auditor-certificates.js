// The auditor's certificates: certify a candidate the decision allows, and revoke with a reason. Both are the body's
// acts, recorded in its history; the server checks that the caller is one of its auditors.
import { api, element, say, when } from "./session.js";

const $ = (id) => document.getElementById(id);

export function createCertificates(body) {
  const status = $("certificate-status");

  async function load() {
    const issued = await api(`/api/bodies/${encodeURIComponent(body)}/certificates`);
    const rows = [...issued].reverse().map((c) => element("tr", { "data-certificate": c.credentialId },
      element("td", { text: c.traineeId }),
      element("td", { text: c.programId }),
      element("td", { text: when(c.issuedAt) }),
      element("td", { class: c.revokedAt ? "revoked" : "", text: c.revokedAt ? `revoked ${when(c.revokedAt)}: ${c.revocationReason}` : "valid" }),
      element("td", {}, c.revokedAt ? null : revokeForm(c))));
    $("certificates").replaceChildren(...(rows.length ? rows : [element("tr", {}, element("td", { colspan: 5, text: `${body} has issued no certificate yet.` }))]));
  }

  function revokeForm(c) {
    const reason = element("input", { type: "text", required: true, maxlength: 2000, "aria-label": `Reason to revoke ${c.traineeId}'s certificate`, placeholder: "reason (recorded and shown to verifiers)" });
    return element("form", { class: "row", onsubmit: async (event) => {
      event.preventDefault();
      try {
        await api(`/api/bodies/${encodeURIComponent(body)}/certificates/${c.credentialId}/revocation`, { method: "POST", body: { reason: reason.value } });
        say(status, `Revoked ${c.traineeId}'s certificate. Its bit is set in the body's status list.`);
        await load();
      } catch (error) {
        say(status, `Not revoked: ${error.message}`, "error");
      }
    } }, reason, element("button", { type: "submit", class: "secondary" }, "Revoke"));
  }

  /** The button under a decision that allows it: issuing the certificate. */
  function certifyButton(traineeId) {
    return element("button", { type: "button", onclick: async (event) => {
      event.target.disabled = true;
      try {
        const credential = await api(`/api/audit/candidates/${encodeURIComponent(traineeId)}/certificates`, { method: "POST" });
        say(status, `Certified ${traineeId}: certificate ${credential.id}, signed by ${credential.issuer.name}.`);
        await load();
        $("certificates").scrollIntoView({ behavior: "smooth", block: "center" });
      } catch (error) {
        event.target.disabled = false;
        say(status, `Not certified: ${error.message}`, "error");
      }
    } }, `Certify ${traineeId}`);
  }

  return { load, certifyButton };
}
