// Who is signed in, and calls to the API as them. Problems (RFC 7807) become errors in words.
// Signed in through the identity provider, the browser holds an HttpOnly session cookie that no script here can read;
// demo sign-in (and a pasted token, where the host takes only the provider's tokens) keeps a token for this tab.

const TOKEN = "smp.token";

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `request failed (${status})`);
    this.status = status;
    this.code = code;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN, value);
}

/** Ends this tab's sign-in: the token it holds, and the session cookie (the host forgets it); then the sign-in page. */
export async function signOut() {
  sessionStorage.removeItem(TOKEN);
  try {
    const answer = await fetch("/auth/signout", { method: "POST" });
    // A provider's session: end it there too, or its next sign-in would not ask again. It sends the browser back here.
    if (answer.status === 200) {
      location.href = (await answer.json()).providerSignOut;
      return;
    }
  } catch {
    // offline: the cookie still expires on its own
  }
  location.href = "/";
}

const onSignInPage = () => location.pathname === "/" || location.pathname === "/index.html";

const RETRIES = 3;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new idempotency key: a retry with it is answered as the first try and records nothing twice. */
export function requestKey() {
  return crypto.randomUUID();
}

/**
 * Calls the API; returns parsed JSON (or null), throws ApiError with the server's reason. A state-changing call
 * carries an Idempotency-Key, and is retried with the same key when the server is briefly unavailable (503)
 * or unreachable, so a retry can never record it twice.
 */
export async function api(path, { method = "GET", body, raw = false } = {}) {
  const headers = {};
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["Idempotency-Key"] = requestKey();
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(path, method, headers, body, raw);
    } catch (error) {
      const retry = error instanceof ApiError && (error.status === 503 || error.code === "offline") && method !== "GET" && attempt < RETRIES;
      if (!retry) throw error;
      await pause(Math.min(3, error.retryAfter || 1) * 1000);
    }
  }
}

async function once(path, method, headers, body, raw) {
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "offline", "the server cannot be reached; check your connection and try again");
  }
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN);
    if (!onSignInPage()) location.href = "/";
    throw new ApiError(401, "signed-out", "your sign-in has expired; please sign in again");
  }
  if (!response.ok) {
    const type = response.headers.get("Content-Type") || "";
    const error = type.includes("json")
      ? await response.json().then((problem) => new ApiError(response.status, problem.code, problem.detail || problem.title))
      : new ApiError(response.status, "", `the server answered ${response.status} ${response.statusText}`);
    error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
    throw error;
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/** Invokes a state-changing hub method with a request id as its last argument, retrying with the same id while the server is unavailable. */
export async function invokeOnce(connection, method, ...args) {
  const id = requestKey();
  for (let attempt = 1; ; attempt++) {
    try {
      return await connection.invoke(method, ...args, id);
    } catch (error) {
      if (!String(error?.message || "").includes("unavailable:") || attempt >= RETRIES) throw error;
      await pause(1000);
    }
  }
}

/** The signed-in user, or a trip back to the sign-in page when nobody (or the wrong role) is. */
// One question per page: a page's several modules (the admin console has three) each ask, and share the answer.
let whoAmI;

export async function requireRole(...roles) {
  let me;
  try {
    me = await (whoAmI ??= api("/api/me"));
  } catch (error) {
    // Signed out (401 already went back), or signed in without a role we know: the sign-in page says which.
    if (error.status === 403) location.href = "/";
    if (error.status === 401 || error.status === 403) return new Promise(() => {});
    throw error;
  }
  if (!roles.includes(me.role)) {
    location.href = homeOf(me.role);
    return new Promise(() => {});
  }
  const who = document.getElementById("who");
  if (who) who.textContent = `${me.userId} · ${me.role}${me.body ? ` of ${me.body}` : ""}`;
  // An account of this host's own manages its passkeys on its account page.
  if (who && me.account && !document.getElementById("account-link")) who.after(element("a", { id: "account-link", href: "/account.html" }, "Your account"));
  return me;
}

export function homeOf(role) {
  return { trainee: "/trainee.html", instructor: "/instructor.html", auditor: "/auditor.html", admin: "/admin.html" }[role] || "/";
}

/** A SignalR connection to one of the hubs, authenticated with the tab's token, or else by the session cookie. */
export function hub(name) {
  return new signalR.HubConnectionBuilder()
    .withUrl(`/hubs/${name}`, token() ? { accessTokenFactory: () => token() } : {})
    .withAutomaticReconnect()
    .build();
}

/** Hub errors arrive as "…HubException: code: reason"; keep the words. */
export function hubReason(error) {
  const text = String(error?.message || error);
  const at = text.indexOf("HubException: ");
  return at >= 0 ? text.slice(at + "HubException: ".length) : text;
}

/** Shows a message in a status element (role=status or alert); errors in words, never a stack. */
export function say(element, text, kind = "info") {
  element.textContent = text;
  element.dataset.kind = kind;
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const fixed = (value, digits = 1) => (value === null || value === undefined ? "–" : Number(value).toFixed(digits));

export function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** To the second, for audit records: two events in the same minute must be told apart. */
export function whenExact(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

// Every console's header has a sign-out button; it works from the first moment, before the page knows who is signed in.
document.getElementById("sign-out")?.addEventListener("click", signOut);
