// Public: anyone holding a certificate file can check it. No sign-in.
import { api, element } from "./session.js";

const $ = (id) => document.getElementById(id);

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
