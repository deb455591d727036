// The printable certificate: what the body awarded, with a QR code of the public verification link. No sign-in needed.
import { api, say, when } from "./session.js";

const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(location.search);
const body = query.get("body");
const certificate = query.get("certificate");

$("print").addEventListener("click", () => window.print());

if (!body || !certificate) {
  say($("status"), "This page shows one certificate: open it from your console, or from a verification link.", "error");
} else {
  try {
    const path = `/api/bodies/${encodeURIComponent(body)}/certificates/${encodeURIComponent(certificate)}`;
    const v = await api(`${path}/verification`);
    $("awarded-to").textContent = v.awardedTo;
    $("achievement").textContent = v.achievementName;
    $("body").textContent = v.bodyName;
    $("issued").textContent = when(v.issuedAt);
    $("criteria").textContent = v.criteria;
    $("issuer").textContent = v.issuerDid;
    const link = `${location.origin}/verify.html?body=${encodeURIComponent(body)}&certificate=${encodeURIComponent(certificate)}`;
    $("link").textContent = link;
    $("link").href = link;
    $("qr").src = `${path}/qr.svg`;
    $("standing").textContent = v.revoked ? `Revoked on ${when(v.revokedAt)}: ${v.revocationReason}` : v.valid ? "Valid, and not revoked." : "Not valid: " + v.problems.join("; ");
    $("standing").dataset.ok = String(v.valid);
    $("certificate").classList.remove("hidden");
  } catch (error) {
    say($("status"), `Could not show the certificate: ${error.message}`, "error");
  }
}
