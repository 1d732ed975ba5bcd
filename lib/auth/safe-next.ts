// Where to go after signing in: only a path on this site. `next` comes from the URL, so anyone can write a link
// with next=<anything>; browsers forgive a lot when they resolve it (`/\evil`, a tab in `/\t/evil`, `//evil` all
// lead to another host), so the value is resolved the way the browser would, and kept only if it stays here.

/** Used for anything that is not a same-origin path. */
export const DEFAULT_NEXT = "/";
const MAX_NEXT_LENGTH = 2048;
const PROBE_ORIGIN = "http://tuneboard.invalid";
// eslint-disable-next-line no-control-regex -- matching control characters is the point: browsers drop tabs and newlines
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/** The same-origin path (with query and hash) that `next` names, or `fallback`. Pure: usable on server and client. */
export function safeNextPath(next: unknown, fallback = DEFAULT_NEXT): string {
  if (typeof next !== "string" || next.length > MAX_NEXT_LENGTH) return fallback;
  // A path, never a scheme or a host; control characters and backslashes are never needed in a path of this app.
  if (!next.startsWith("/") || UNSAFE_CHARACTERS.test(next)) return fallback;
  // Also as decoded once more (`/%5Cevil`, `/%09/evil`, `/%2F%2Fevil`): something between here and the browser
  // may decode the path again, and then it must still be a path.
  const pathPart = next.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return fallback;
  }
  if (UNSAFE_CHARACTERS.test(decoded) || decoded.startsWith("//")) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(next, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE_ORIGIN) return fallback;
  const path = resolved.pathname + resolved.search + resolved.hash;
  // `/.//evil` resolves to the path `//evil`, which a browser would read as a host.
  return path.startsWith("//") ? fallback : path;
}
