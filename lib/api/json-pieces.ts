// Parsing a large `{"<key>": [ ... ]}` body without one string of the whole body.
//
// Why: a string or buffer over V8's regular-object limit (about 128 KB) is allocated in fresh memory, and on the
// project's machine (a virtual machine with costly page faults) touching fresh memory costs about 4 µs per KB. A
// 5,000-point metrics body is about 300 kB: joining its chunks cost 1.2 ms and decoding it another 1.2 ms, as much as
// JSON.parse itself (README, Performance, "One writer, measured fairly"). Cut at the array's element boundaries into
// pieces of ~64 KB, the same body decodes and parses piece by piece in memory the heap reuses.
//
// The result is exactly JSON.parse's (a test compares them on generated and hand-made bodies); any body that is not
// of this one shape, or that is malformed anywhere, is left to the caller's JSON.parse of the whole text, which words
// the error.

import { escapeRegExp } from "@/lib/escape-regexp";

/** Bytes of a piece before a cut is looked for: the first element boundary after this many bytes. */
export const PIECE_BYTES = 64 * 1024;

/** The body's chunks read as one sequence of bytes, without joining them. */
class Bytes {
  private readonly starts: number[] = [];
  readonly length: number;

  constructor(private readonly chunks: readonly Uint8Array[]) {
    let total = 0;
    for (const chunk of chunks) {
      this.starts.push(total);
      total += chunk.byteLength;
    }
    this.length = total;
  }

  /** The text of bytes [from, to): the chunks it spans are joined only for that range. */
  text(from: number, to: number): string {
    const parts: Uint8Array[] = [];
    for (let c = this.chunkAt(from); c < this.chunks.length && this.starts[c]! < to; c += 1) {
      const start = this.starts[c]!;
      const chunk = this.chunks[c]!;
      parts.push(chunk.subarray(Math.max(0, from - start), Math.min(chunk.byteLength, to - start)));
    }
    const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    return Buffer.from(joined.buffer, joined.byteOffset, joined.byteLength).toString("utf8");
  }

  private chunkAt(offset: number): number {
    let c = 0;
    while (c + 1 < this.starts.length && this.starts[c + 1]! <= offset) c += 1;
    return c;
  }

  /** The offset of the first `pattern` at or after `from`; a match split across two chunks is not seen. */
  indexOf(pattern: Buffer, from: number): number {
    for (let c = this.chunkAt(from); c < this.chunks.length; c += 1) {
      const chunk = this.chunks[c]!;
      const start = this.starts[c]!;
      const at = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).indexOf(pattern, Math.max(0, from - start));
      if (at >= 0) return start + at;
    }
    return -1;
  }
}

/** How many cuts that turn out not to be element boundaries are tried for one piece before the body is parsed whole. */
const MAX_MISSES = 3;

/** What is searched for to cut at: the comma after an object, as between the objects of `[{...},{...}]`. */
const CUT = Buffer.from("},");

/**
 * Parses `chunks` (a UTF-8 body) when it is a JSON object whose only member is `key` (written plainly, without
 * escapes) holding an array, and returns what JSON.parse of the whole text would; `prepare` rewrites each piece's
 * text before parsing (the same rewrite applied to the whole text must give the same result, as
 * quoteNonFiniteNumbers does: it works token by token and a piece holds whole elements). Returns undefined for any
 * other body, malformed ones included, and for bodies under two pieces (nothing to gain).
 *
 * Where to cut is found without reading every byte in JavaScript (a byte loop over 300 kB cost more than the
 * JSON.parse it saves): the first `},` after `pieceBytes` is a candidate, and JSON.parse of the piece decides. A piece
 * that starts at an element boundary parses as `[piece]` only when it ends at one too: JSON is read left to right
 * without ambiguity, so a cut inside a string leaves that string open, and a cut inside a nested object or array
 * leaves it unclosed, and either fails to parse. The first piece starts after the array's `[`; so by induction every
 * piece is whole elements, and the pieces together are the array.
 */
export function parseKeyedArrayInPieces<K extends string>(
  chunks: readonly Uint8Array[],
  key: K,
  prepare: (text: string) => string = (text) => text,
  pieceBytes = PIECE_BYTES,
): { [P in K]: unknown[] } | undefined {
  const bytes = new Bytes(chunks);
  if (bytes.length < 2 * pieceBytes) return undefined;
  const arrayStart = openingOf(bytes, key);
  const arrayEnd = closingOf(bytes);
  if (arrayStart === undefined || arrayEnd === undefined || arrayEnd < arrayStart) return undefined;

  const elements: unknown[] = [];
  /** Parses bytes [from, to) as whole elements and keeps them; false when they are not. */
  const take = (from: number, to: number): boolean => {
    const text = bytes.text(from, to);
    // A piece must hold an element: "[1,]" cut before its last comma would otherwise parse as [1].
    if (text.trim() === "") return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(`[${prepare(text)}]`);
    } catch {
      return false;
    }
    for (const element of parsed as unknown[]) elements.push(element);
    return true;
  };

  let pieceStart = arrayStart;
  let misses = 0;
  let searchFrom = pieceStart + pieceBytes;
  while (arrayEnd - searchFrom > pieceBytes / 2) {
    const found = bytes.indexOf(CUT, searchFrom);
    if (found < 0 || found >= arrayEnd) break;
    const cut = found + 1; // the comma
    if (take(pieceStart, cut)) {
      pieceStart = cut + 1;
      searchFrom = pieceStart + pieceBytes;
      misses = 0;
    } else if (++misses > MAX_MISSES) return undefined;
    else searchFrom = cut + 1;
  }
  if (pieceStart === arrayStart) return undefined; // never cut: no cheaper than JSON.parse of the whole
  if (!take(pieceStart, arrayEnd)) return undefined;
  // As JSON.parse builds it: a plain object with the one own property (a computed key never sets the prototype).
  return { [key]: elements } as { [P in K]: unknown[] };
}

/** JSON's whitespace (space, tab, line feed, carriage return), for the patterns below; JavaScript's \s is wider. */
const WS = "[ \\t\\n\\r]*";

/** Bytes read at each end to find the array's brackets; a body with more whitespace there is parsed whole. */
const END_BYTES = 256;

/** The offset just past the `[` of `{ "key" : [`, after an optional BOM; undefined when the body does not open so. */
function openingOf(bytes: Bytes, key: string): number | undefined {
  const quotedKey = escapeRegExp(JSON.stringify(key));
  const match = new RegExp(`^\uFEFF?${WS}\\{${WS}${quotedKey}${WS}:${WS}\\[`).exec(bytes.text(0, Math.min(bytes.length, END_BYTES)));
  return match ? Buffer.byteLength(match[0]) : undefined;
}

const CLOSING = new RegExp(`\\]${WS}\\}${WS}$`);

/** The offset of the `]` in a body that ends `] }` (whitespace allowed around both); undefined when it does not. */
function closingOf(bytes: Bytes): number | undefined {
  // The tail may start inside a multi-byte character; only its end, all ASCII, is matched.
  const match = CLOSING.exec(bytes.text(Math.max(0, bytes.length - END_BYTES), bytes.length));
  return match ? bytes.length - match[0].length : undefined;
}
