// RFC 8785 by the reference npm implementation: one JSON document per input line, its canonical form per output line.
import canonicalize from "canonicalize";
import { createInterface } from "node:readline";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.length > 0) process.stdout.write(canonicalize(JSON.parse(line)) + "\n");
}
