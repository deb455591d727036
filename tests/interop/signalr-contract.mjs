// The hubs' contract as a third-party JavaScript client sees it: npm @microsoft/signalr over a real WebSocket (ws),
// with either the JSON protocol or @microsoft/signalr-protocol-msgpack, and plain camelCase objects throughout.
//   node signalr-contract.mjs BASE_URL SESSION_ID TRAINEE_TOKEN INSTRUCTOR_TOKEN json|msgpack
// prints one JSON object: what Watch, PlaceDot, PlaceDots, a refused PlaceDot, a dot missing its x, the "updated" messages and Backlog gave.
import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [baseUrl, sessionId, traineeToken, instructorToken, protocol] = process.argv.slice(2);

function connect(hub, token) {
  const builder = new HubConnectionBuilder()
    .withUrl(new URL(hub, baseUrl).href, { accessTokenFactory: () => token, transport: HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(LogLevel.None);
  if (protocol === "msgpack") builder.withHubProtocol(new MessagePackHubProtocol());
  return builder.build();
}

const instructor = connect("/hubs/instructor", instructorToken);
const trainee = connect("/hubs/trainee", traineeToken);
const updates = [];
instructor.on("updated", (update) => updates.push(update));
await instructor.start();
await trainee.start();

const start = await instructor.invoke("Watch", sessionId, 1);
const dot = { x: 10, y: 12.5, needle: "1RL-0.25", depthMm: 0.5, shade: 0.6 };
const placed = await trainee.invoke("PlaceDot", sessionId, dot, null);
const batch = await trainee.invoke("PlaceDots", sessionId, [{ ...dot, x: 30 }, { ...dot, x: 50, shade: 0.3 }], `batch-${protocol}`);
let refused = null;
try {
  await trainee.invoke("PlaceDot", sessionId, { ...dot, needle: "no-such-needle" }, null);
} catch (error) {
  refused = String(error.message);
}

let incomplete = null;
try {
  const { x, ...withoutX } = dot;
  await trainee.invoke("PlaceDot", sessionId, withoutX, null);
} catch (error) {
  incomplete = String(error.message);
}

const seen = () => updates.flatMap((u) => u.dots).length;
for (let waited = 0; seen() < 3 && waited < 15000; waited += 50) await new Promise((r) => setTimeout(r, 50));
const backlog = await instructor.invoke("Backlog", sessionId, 1, 10);

await trainee.stop();
await instructor.stop();
// A MessagePack client may hand back Dates, Maps or typed arrays for some values; print what it really received.
const plain = (value) => JSON.parse(JSON.stringify(value, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v)));
process.stdout.write(JSON.stringify(plain({ start, placed, batch, refused, incomplete, updates, backlog }), null, 2) + "\n");
