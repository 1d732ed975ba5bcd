// Reading a request body: a byte cap before anything is parsed, then JSON, then the schema. Nothing a client sends
// is buffered past the cap, so a 100 MB body costs a 413, not 100 MB of memory and a long JSON.parse.
import type { z } from "zod";
import { ApiError, type FieldIssue, invalidFields, issuePath } from "./errors";
import { parseKeyedArrayInPieces } from "./json-pieces";
import { knownFieldsAt, unknownFieldMessage } from "./unknown-fields";
import { formatBytes } from "@/lib/format-bytes";

/** Default cap of a JSON body: 1 MB (10^6 bytes). */
export const MAX_JSON_BODY_BYTES = 1_000_000;

export type BodyOptions = {
  /** Byte cap of the body as sent (UTF-8); MAX_JSON_BODY_BYTES when left out. */
  maxBytes?: number;
  /** Read bare NaN, Infinity and -Infinity tokens (Python's json.dumps writes them) as the strings "NaN", ... */
  nonFiniteNumbers?: boolean;
  /**
   * A faster check that returns the schema's output for a body the schema accepts, or undefined to let the schema
   * decide (and word the 422); for hot endpoints whose bodies hold thousands of small objects.
   */
  fastPath?: (body: unknown) => unknown;
  /**
   * For hot endpoints whose body is one large array under this key (`{"points": [...]}`): such a body is parsed in
   * pieces of ~64 KB, never as one string (lib/api/json-pieces.ts); any other body is parsed whole, as usual.
   */
  arrayKey?: string;
};


function payloadTooLarge(maxBytes: number): ApiError {
  return new ApiError("payload_too_large", `Request body is larger than this endpoint's limit of ${formatBytes(maxBytes)} (${maxBytes} bytes)`);
}

/**
 * The body's bytes as read, refused with 413 beyond `maxBytes`: at once when Content-Length says so, otherwise as
 * soon as the bytes read pass the cap (a missing or lying Content-Length changes nothing); the rest is never read.
 */
async function readBodyChunks(request: Request, maxBytes: number): Promise<{ chunks: Uint8Array[]; total: number }> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!request.body) return { chunks, total };
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return { chunks, total };
}

/** UTF-8 text of the chunks, as Request.json() reads it: a leading BOM dropped, malformed bytes replaced. */
function decodeBody(chunks: Uint8Array[], total: number): string {
  // Buffer's decoder is about twice as fast as TextDecoder on a 300 kB metrics body.
  const text = Buffer.concat(chunks, total).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The body as text, refused with 413 beyond `maxBytes` (see readBodyChunks). */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const { chunks, total } = await readBodyChunks(request, maxBytes);
  return decodeBody(chunks, total);
}

const QUOTE = 34;
const BACKSLASH = 92;
const NON_FINITE_TOKENS = [
  { first: 78, token: "NaN" }, // N
  { first: 73, token: "Infinity" }, // I
  { first: 45, token: "-Infinity" }, // -
] as const;

/**
 * Rewrites the bare tokens NaN, Infinity and -Infinity outside string literals as the JSON strings "NaN",
 * "Infinity" and "-Infinity", which JSON.parse accepts and a schema can map to numbers. Text inside strings
 * (escaped quotes included) is left alone; anything else malformed stays malformed for JSON.parse to refuse.
 */
export function quoteNonFiniteNumbers(text: string): string {
  if (!text.includes("NaN") && !text.includes("Infinity")) return text;
  const parts: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Skip the string literal: a backslash escapes the next character, whatever it is.
      i++;
      while (i < text.length) {
        const inside = text.charCodeAt(i);
        if (inside === BACKSLASH) i += 2;
        else {
          i++;
          if (inside === QUOTE) break;
        }
      }
      continue;
    }
    const match = NON_FINITE_TOKENS.find(({ first, token }) => code === first && text.startsWith(token, i));
    if (match) {
      parts.push(text.slice(copiedUpTo, i), `"${match.token}"`);
      i += match.token.length;
      copiedUpTo = i;
    } else i++;
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join("");
}

/** Zod issues as field issues; an unknown key becomes one issue at its own path, naming the field it may mean. */
function bodyIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: issuePath([...issue.path, key]), message: unknownFieldMessage(key, knownFieldsAt(schema, issue.path)) }))
      : [{ path: issuePath(issue.path), message: issue.message }],
  );
}

/**
 * Parses a JSON body with a schema: over the byte cap → 413, malformed JSON → 400, schema failures (unknown
 * fields included) → 422 with one issue per field.
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, options: BodyOptions = {}): Promise<z.output<S>> {
  const { chunks, total } = await readBodyChunks(request, options.maxBytes ?? MAX_JSON_BODY_BYTES);
  const prepare = options.nonFiniteNumbers ? quoteNonFiniteNumbers : (text: string) => text;
  let body: unknown = options.arrayKey === undefined ? undefined : parseKeyedArrayInPieces(chunks, options.arrayKey, prepare);
  if (body === undefined) {
    try {
      body = JSON.parse(prepare(decodeBody(chunks, total)));
    } catch {
      throw new ApiError("bad_request", "Request body must be valid JSON");
    }
  }
  const fast = options.fastPath?.(body);
  if (fast !== undefined) return fast as z.output<S>;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidFields(bodyIssues(schema, parsed.error.issues));
  return parsed.data;
}
