// Who is signed in, and calls to the API with their token. Problems (RFC 7807) become errors in words.

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

export function signOut() {
  sessionStorage.removeItem(TOKEN);
  location.href = "/";
}

/** Calls the API; returns parsed JSON (or null), throws ApiError with the server's reason. */
export async function api(path, { method = "GET", body, raw = false } = {}) {
  const headers = {};
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "offline", "the server cannot be reached; check your connection and try again");
  }
  if (response.status === 401) {
    signOut();
    throw new ApiError(401, "signed-out", "your sign-in has expired; please sign in again");
  }
  if (!response.ok) {
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      const problem = await response.json();
      throw new ApiError(response.status, problem.code, problem.detail || problem.title);
    }
    throw new ApiError(response.status, "", `the server answered ${response.status} ${response.statusText}`);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/** The signed-in user, or a trip back to the sign-in page when nobody (or the wrong role) is. */
export async function requireRole(...roles) {
  if (!token()) {
    location.href = "/";
    return new Promise(() => {});
  }
  const me = await api("/api/me");
  if (!roles.includes(me.role)) {
    location.href = homeOf(me.role);
    return new Promise(() => {});
  }
  const who = document.getElementById("who");
  if (who) who.textContent = `${me.userId} · ${me.role}${me.body ? ` of ${me.body}` : ""}`;
  document.getElementById("sign-out")?.addEventListener("click", signOut);
  return me;
}

export function homeOf(role) {
  return { trainee: "/trainee.html", instructor: "/instructor.html", auditor: "/auditor.html", admin: "/admin.html" }[role] || "/";
}

/** A SignalR connection to one of the hubs, authenticated with the token. */
export function hub(name) {
  return new signalR.HubConnectionBuilder()
    .withUrl(`/hubs/${name}`, { accessTokenFactory: () => token() })
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
