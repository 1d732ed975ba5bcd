// Artifact paths as clients send them, checked before anything touches the disk. Pure: no I/O, so every attack
// (tests/unit/artifact-paths.test.ts) is checked without a file system. A path is a list of segments; each one
// must be a plain file or folder name, so that joining them under a run's folder cannot leave it.

export type ArtifactPathError = { ok: false; message: string };
export type ArtifactPathResult = { ok: true; segments: string[] } | ArtifactPathError;

/** Longest path we store, in characters (MLflow sets no limit; SQLite and file systems do: 4,096 on Linux). */
export const MAX_ARTIFACT_PATH_CHARS = 1_000;
/** Longest single file or folder name in bytes (ext4, xfs, tmpfs). */
const MAX_SEGMENT_BYTES = 255;

function checkSegment(segment: string): string | null {
  if (segment === "") return "has an empty segment (two slashes in a row or a trailing slash)";
  if (segment === "." || segment === "..") return `has a '${segment}' segment`;
  if (segment.includes("\0")) return "contains a NUL character";
  // A backslash is a separator on Windows and in some path libraries: refuse it rather than guess which it meant.
  if (segment.includes("\\")) return "contains a backslash";
  if (segment.includes("/")) return "contains an encoded slash (%2F) inside a segment";
  // Other control characters make names that cannot be shown or typed, and are never what a trainer writes.
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u001f\u007f]/.test(segment)) return "contains a control character";
  if (/^[A-Za-z]:$/.test(segment)) return "starts with a drive letter";
  if (Buffer.byteLength(segment, "utf8") > MAX_SEGMENT_BYTES) return `has a name longer than ${MAX_SEGMENT_BYTES} bytes`;
  return null;
}

function fromSegments(segments: string[], allowEmpty: boolean): ArtifactPathResult {
  if (segments.length === 0 && !allowEmpty) return { ok: false, message: "Artifact path is empty" };
  for (const segment of segments) {
    const problem = checkSegment(segment);
    if (problem) return { ok: false, message: `Artifact path ${problem}` };
  }
  if (segments.join("/").length > MAX_ARTIFACT_PATH_CHARS) return { ok: false, message: `Artifact path is longer than ${MAX_ARTIFACT_PATH_CHARS} characters` };
  return { ok: true, segments };
}

/**
 * A path taken from the URL as sent (still percent-encoded), e.g. the part after /mlflow-artifacts/artifacts/.
 * Each segment is decoded exactly once, after splitting on "/", so %2F cannot make a separator and %252e%252e
 * stays the literal name "%2e%2e". Absolute paths (a leading slash) are refused.
 */
export function parseEncodedArtifactPath(encoded: string, options: { allowEmpty?: boolean } = {}): ArtifactPathResult {
  if (encoded === "") return fromSegments([], options.allowEmpty ?? false);
  if (encoded.startsWith("/")) return { ok: false, message: "Artifact path must be relative, not start with '/'" };
  const segments: string[] = [];
  for (const raw of encoded.split("/")) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return { ok: false, message: "Artifact path has a malformed percent-encoding" };
    }
  }
  return fromSegments(segments, options.allowEmpty ?? false);
}

/** A path already decoded (a `?path=` query value, a stored path): split on "/" and checked, never decoded again. */
export function parseArtifactPath(decoded: string, options: { allowEmpty?: boolean } = {}): ArtifactPathResult {
  if (decoded === "") return fromSegments([], options.allowEmpty ?? false);
  if (decoded.startsWith("/")) return { ok: false, message: "Artifact path must be relative, not start with '/'" };
  return fromSegments(decoded.split("/"), options.allowEmpty ?? false);
}

/**
 * MLflow's proxied artifact URI: `mlflow-artifacts:/<experiment>/<run>/artifacts` is served as
 * /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<file path>. Splits a checked path into
 * those parts; null when it does not name a run's artifact folder.
 */
export function splitRunArtifactPath(segments: readonly string[]): { experimentId: string; runId: string; relative: string[] } | null {
  const [experimentId, runId, artifacts, ...relative] = segments;
  if (!experimentId || !runId || artifacts !== "artifacts") return null;
  return { experimentId, runId, relative };
}

/** The artifact URI MLflow clients get from runs/get for a run. */
export const runArtifactUri = (experimentId: string, runId: string) => `mlflow-artifacts:/${experimentId}/${runId}/artifacts`;

/**
 * Content-Type and Content-Disposition for a download. Never inline: an uploaded .html or .svg served from this
 * origin could run script with the viewer's session. Text is labelled text/plain so a browser shows it as text
 * if someone opens it anyway; everything else unknown is application/octet-stream.
 */
export function downloadHeaders(fileName: string): { contentType: string; contentDisposition: string } {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  const contentType = TEXT_EXTENSIONS.has(extension)
    ? "text/plain; charset=utf-8"
    : extension === "json"
      ? "application/json"
      : (SAFE_BINARY_TYPES[extension] ?? "application/octet-stream");
  // RFC 6266: an ASCII fallback with quotes and backslashes replaced, and the exact name in filename* (RFC 5987).
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const contentDisposition = `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return { contentType, contentDisposition };
}

const TEXT_EXTENSIONS = new Set(["txt", "log", "yaml", "yml", "csv", "tsv", "md", "py", "toml", "cfg", "ini", "jsonl", "sh"]);
const SAFE_BINARY_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  gz: "application/gzip",
  zip: "application/zip",
};
