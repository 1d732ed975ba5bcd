import { describe, expect, it } from "vitest";
import { quoteNonFiniteNumbers } from "@/lib/api/body";
import { parseKeyedArrayInPieces } from "@/lib/api/json-pieces";

/** `text` as UTF-8 chunks cut every `size` bytes (cuts may fall inside a multi-byte character). */
const chunked = (text: string, size: number) => {
  const bytes = Buffer.from(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(new Uint8Array(bytes.subarray(i, i + size)));
  return chunks;
};

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Keys and strings chosen to look like cut points: commas, braces, brackets, escaped quotes, multi-byte text. */
const TRICKY = ["train/loss", "},{", "a\\\"},{\"b", "é,ü}", "日本語,]", "\\\\", "x\"},", "[1,2]", "𝄞"];

/** Points whose keys are tricky with probability `tricky`. */
function points(count: number, next: () => number, tricky = 0.05) {
  return Array.from({ length: count }, (_, i) => {
    const key = next() < tricky ? TRICKY[Math.floor(next() * TRICKY.length)] : "train/loss";
    const point: Record<string, unknown> = { key, step: i, value: next() * 10 };
    if (next() < 0.2) point.time = "2026-11-30T12:00:00Z";
    if (next() < tricky) point.nested = { a: [1, { b: "},{" }], c: "]" };
    return point;
  });
}

describe("parseKeyedArrayInPieces", () => {
  it("gives exactly JSON.parse's result, whatever the chunking, and cuts the body into pieces", () => {
    const next = random(7);
    for (const [count, chunkSize, pieceBytes] of [[2_000, 65_536, 4_096], [500, 7, 1_000], [3_000, 1_000, 16_384]] as const) {
      const body = { points: points(count, next) };
      const text = JSON.stringify(body);
      const pieces: string[] = [];
      const parsed = parseKeyedArrayInPieces(chunked(text, chunkSize), "points", (piece) => (pieces.push(piece), piece), pieceBytes);
      expect(parsed).toEqual(JSON.parse(text));
      expect(pieces.length).toBeGreaterThan(3);
      // Every accepted piece was parsed once: no element is taken twice or lost.
      expect(parsed!.points).toHaveLength(count);
    }
  });

  it("reads whitespace and a byte-order mark as JSON.parse (after the BOM is dropped) does", () => {
    const inner = Array.from({ length: 400 }, (_, i) => `{ "key" : "k" , "step" : ${i} }`).join(",\n ");
    const text = `\uFEFF \n{ \t"points"\r\n :\n [ ${inner} ] \n } \n`;
    const parsed = parseKeyedArrayInPieces(chunked(text, 100), "points", undefined, 1_000);
    expect(parsed).toEqual(JSON.parse(text.slice(1)));
  });

  it("applies the non-finite rewrite per piece as it would to the whole text", () => {
    const inner = Array.from({ length: 600 }, (_, i) => `{"key":"NaN,Infinity","step":${i},"value":${["NaN", "Infinity", "-Infinity", "1.5"][i % 4]}}`).join(",");
    const text = `{"points":[${inner}]}`;
    const parsed = parseKeyedArrayInPieces(chunked(text, 333), "points", quoteNonFiniteNumbers, 2_000);
    expect(parsed).toEqual(JSON.parse(quoteNonFiniteNumbers(text)));
    expect(parsed!.points[0]).toEqual({ key: "NaN,Infinity", step: 0, value: "NaN" });
  });

  it("steps aside (undefined) for any body of another shape or malformed anywhere", () => {
    const many = Array.from({ length: 300 }, (_, i) => `{"key":"k","step":${i}}`).join(",");
    const refused = {
      "another key first": `{"run":"r","points":[${many}]}`,
      "another key after": `{"points":[${many}],"run":"r"}`,
      "an escaped key": `{"poi\\u006ets":[${many}]}`,
      "a trailing comma at a cut": `{"points":[${many},]}`,
      "a double comma": `{"points":[${many.replace("},{", "},,{")}]}`,
      "an unclosed element": `{"points":[${many.replace('"step":150}', '"step":150')}]}`,
      "an element closed twice": `{"points":[${many.replace('"step":150}', '"step":150}}')}]}`,
      "an unterminated string": `{"points":[${many.replace('"k","step":200', '"k,"step":200')}]}`,
      "text after the object": `{"points":[${many}]} x`,
      "no closing brace": `{"points":[${many}]`,
      "a top-level array": `[${many}]`,
      "a small body": `{"points":[{"key":"k","step":1}]}`,
      "numbers, not objects (nowhere to cut)": `{"points":[${Array.from({ length: 2_000 }, (_, i) => i).join(",")}]}`,
    };
    for (const [name, text] of Object.entries(refused)) {
      expect(parseKeyedArrayInPieces(chunked(text, 500), "points", undefined, 1_000), name).toBeUndefined();
    }
  });

  it("gives JSON.parse's result or steps aside when most strings look like cut points", () => {
    const next = random(3);
    for (let trial = 0; trial < 20; trial += 1) {
      const text = JSON.stringify({ points: points(400, next, 0.9) });
      const parsed = parseKeyedArrayInPieces(chunked(text, 1_000), "points", undefined, 500);
      if (parsed !== undefined) expect(parsed).toEqual(JSON.parse(text));
    }
  });

  it("never accepts a body that JSON.parse refuses (random corruption of valid bodies)", () => {
    const next = random(11);
    const text = JSON.stringify({ points: points(300, next, 0.3) });
    for (let trial = 0; trial < 300; trial += 1) {
      const at = Math.floor(next() * text.length);
      // As the server sees it: bytes. (A cut inside a surrogate pair leaves a lone surrogate, which UTF-8 cannot hold.)
      const corrupt = Buffer.from(text.slice(0, at) + [",", "}", "]", '"', "{", "["][trial % 6] + text.slice(at)).toString("utf8");
      let whole: unknown;
      try {
        whole = JSON.parse(corrupt);
      } catch {
        whole = undefined;
      }
      const pieces = parseKeyedArrayInPieces(chunked(corrupt, 977), "points", undefined, 1_000);
      if (whole === undefined) expect(pieces, corrupt.slice(Math.max(0, at - 20), at + 20)).toBeUndefined();
      else if (pieces !== undefined) expect(pieces).toEqual(whole);
    }
  });
});
