// Writes one trainee's history of N dots through the HTTP API (sessions of 5,000 dots, batches of 1,000),
// signs a checkpoint, and saves the trainee's audit bundle as an auditor exports it. Used by bundle-memory.sh.
//   node infra/dev/bundle-memory.mjs URL DOTS OUT.zip   → prints the platform's public key
const [url, dots, out] = [process.argv[2], Number(process.argv[3] ?? 100000), process.argv[4]];
const call = async (method, path, body, token) => {
  const r = await fetch(url + path, { method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (r.headers.get("content-type") ?? "").includes("json") ? r.json() : Buffer.from(await r.arrayBuffer());
};
const token = async (userId, role, body) => (await call("POST", "/api/dev/tokens", { userId, role, ...(body ? { body } : {}) })).token;
let seed = 1;
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
const trainee = await token("big", "trainee");
await call("POST", "/api/trainees/big/enrollment", { programId: "smp-practitioner" }, trainee);
for (let placed = 0; placed < dots;) {
  const { sessionId } = await call("POST", "/api/trainees/big/sessions", { exerciseId: "depth-ladder" }, trainee);
  for (let inSession = 0; inSession < 5000 && placed < dots; inSession += 1000, placed += 1000) {
    const batch = Array.from({ length: Math.min(1000, dots - placed) }, () =>
      ({ x: 5 + random() * 90, y: 5 + random() * 90, needle: "1RL-0.25", depthMm: 0.4 + random() * 0.3, shade: 0.6 }));
    await call("POST", `/api/sessions/${sessionId}/dots/batch`, batch, trainee);
  }
  await call("POST", `/api/sessions/${sessionId}/complete`, undefined, trainee);
  console.error(`  ${Math.min(placed, dots)} dots placed`);
}
await call("POST", "/api/trainees/big/applications", { bodyId: "smp-guild" }, trainee);
await call("POST", "/api/audit/checkpoints", undefined, await token("root", "admin"));
(await import("node:fs")).writeFileSync(out, await call("GET", "/api/audit/candidates/big/bundle", undefined, await token("gus", "auditor", "smp-guild")));
console.log((await call("GET", "/api/audit/public-key")).publicKey);
