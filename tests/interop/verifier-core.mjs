// The Digital Credentials Consortium's verifier (npm @digitalcredentials/verifier-core, behind the Learner Credential
// Wallet and VerifierPlus), run as wallets run it: eddsa-rdfc-2022 and Ed25519Signature2020 proofs, did:key and
// did:web issuers, and the BitstringStatusList fetched from the URL in the credential.
//   node verifier-core.mjs FILE   → prints verifyCredential's result as JSON (log of checks, errors)
import { readFile } from "node:fs/promises";
import { verifyCredential } from "@digitalcredentials/verifier-core";

const credential = JSON.parse(await readFile(process.argv[2], "utf8"));
// The library logs as it goes (the OB schema it tries to fetch from purl.imsglobal.org, unreachable here); the answer is what it returns.
console.log = console.error = console.warn = () => {};
const result = await verifyCredential({ credential, knownDIDRegistries: [] });
// Keep the answer small: the credential itself is echoed back by the library.
delete result.credential;
for (const error of result.errors ?? []) {
  if (error.stackTrace) error.stackTrace = String(error.stackTrace?.stack ?? error.stackTrace).slice(0, 1200);
}
process.stdout.write(JSON.stringify(result, null, 2) + "\n");
