import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES, quoteNonFiniteNumbers, readBodyText } from "@/lib/api/body";
import { formatBytes } from "@/lib/format-bytes";
import { ApiError } from "@/lib/api/errors";
import { suggestField } from "@/lib/api/unknown-fields";

const parse = (text: string) => JSON.parse(quoteNonFiniteNumbers(text));

describe("quoteNonFiniteNumbers", () => {
  it("turns the bare tokens Python's json.dumps writes into strings JSON.parse accepts", () => {
    expect(parse('{"points": [{"value": NaN}, {"value": Infinity}, {"value": -Infinity}]}')).toEqual({
      points: [{ value: "NaN" }, { value: "Infinity" }, { value: "-Infinity" }],
    });
  });

  it("leaves the words inside string literals alone, whatever they are next to", () => {
    const text = '{"key": "NaN Infinity -Infinity", "note": "was NaN", "value": NaN}';
    expect(parse(text)).toEqual({ key: "NaN Infinity -Infinity", note: "was NaN", value: "NaN" });
  });

  it("follows escaped quotes and escaped backslashes to the real end of a string", () => {
    expect(parse(String.raw`{"a": "say \"NaN\" twice: \"Infinity\"", "b": Infinity}`)).toEqual({ a: 'say "NaN" twice: "Infinity"', b: "Infinity" });
    // The string ends after an escaped backslash, so the NaN after it is outside and bare.
    expect(parse(String.raw`{"a": "ends with \\", "b": NaN, "c": "\\\"NaN\\"}`)).toEqual({ a: "ends with \\", b: "NaN", c: '\\"NaN\\' });
  });

  it("rewrites tokens at any depth of nested arrays and objects, and in keys' strings never", () => {
    expect(parse('[[NaN,[Infinity,-Infinity]],{"NaN":[1,NaN,{"Infinity":-Infinity}]}]')).toEqual([
      ["NaN", ["Infinity", "-Infinity"]],
      { NaN: [1, "NaN", { Infinity: "-Infinity" }] },
    ]);
  });

  it("returns the same text when there is nothing to rewrite, numbers and unicode included", () => {
    const text = '{"value": -1.5e-300, "key": "loss/Ünïcode ✓", "n": [0, -0, 1E5]}';
    expect(quoteNonFiniteNumbers(text)).toBe(text);
    expect(quoteNonFiniteNumbers('{"note": "NaN only in here"}')).toBe('{"note": "NaN only in here"}');
  });

  it("leaves malformed input malformed: JSON.parse still refuses it", () => {
    for (const text of ["{\"v\": NaNx}", "{\"v\": -NaN}", "{\"v\": Infinit}", "{\"v\": nan}", "{\"v\": NaN"]) expect(() => parse(text), text).toThrow();
  });

  it("keeps an unterminated string unterminated instead of reading past it", () => {
    expect(() => parse('{"v": "NaN')).toThrow();
    expect(quoteNonFiniteNumbers('{"v": "NaN')).toBe('{"v": "NaN');
  });
});

function streamOf(chunks: number, chunkBytes: number) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls += 1;
      if (state.pulls > chunks) controller.close();
      else controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://localhost/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("readBodyText", () => {
  it("reads a body up to the cap exactly", async () => {
    expect(await readBodyText(post("x".repeat(1000)), 1000)).toHaveLength(1000);
  });

  it("refuses at once when Content-Length is over the cap, without reading the body", async () => {
    const { stream, state } = streamOf(100, 65_536);
    const error = await refusal(readBodyText(post(stream, { "content-length": String(100 * 65_536) }), 1_000_000));
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain("1 MB");
    expect(state.pulls).toBeLessThanOrEqual(1);
  });

  it("counts the bytes of a body without Content-Length and stops reading past the cap", async () => {
    const { stream, state } = streamOf(100, 65_536);
    expect((await refusal(readBodyText(post(stream), 1_000_000))).code).toBe("payload_too_large");
    // 1 MB is 16 chunks of 64 KiB: reading stops at the first chunk beyond it, not at the 100th.
    expect(state.pulls).toBeLessThan(20);
    expect(state.cancelled).toBe(true);
  });

  it("is not fooled by a Content-Length smaller than the body", async () => {
    const error = await refusal(readBodyText(post("x".repeat(2000), { "content-length": "10" }), 1000));
    expect(error.code).toBe("payload_too_large");
  });

  it("counts UTF-8 bytes, not characters", async () => {
    const text = "é".repeat(600); // 1,200 bytes
    expect((await refusal(readBodyText(post(text), 1000))).code).toBe("payload_too_large");
    expect(await readBodyText(post(text), 1200)).toBe(text);
  });

  it("has a 1 MB default and says limits in decimal units", () => {
    expect(MAX_JSON_BODY_BYTES).toBe(1_000_000);
    expect([formatBytes(1_000_000), formatBytes(16_000_000), formatBytes(4_000_000), formatBytes(16_384), formatBytes(512)]).toEqual([
      "1 MB", "16 MB", "4 MB", "16.4 kB", "512 bytes",
    ]);
  });
});

describe("suggestField", () => {
  const runFields = ["rank", "loraAlpha", "loraDropout", "batchSize", "gradientAccumulation", "seqLen", "learningRate", "epochs", "targetModules", "mtBench"];

  it("maps Hugging Face, PEFT and TRL names to Tuneboard's", () => {
    const pairs = {
      r: "rank", lora_alpha: "loraAlpha", lora_dropout: "loraDropout", per_device_train_batch_size: "batchSize",
      gradient_accumulation_steps: "gradientAccumulation", max_seq_length: "seqLen", learning_rate: "learningRate",
      num_train_epochs: "epochs", target_modules: "targetModules",
    };
    for (const [alias, field] of Object.entries(pairs)) expect(suggestField(alias, runFields), alias).toBe(field);
  });

  it("finds snake_case, other casing and small typos of a known field", () => {
    expect(suggestField("mt_bench", runFields)).toBe("mtBench");
    expect(suggestField("SEQLEN", runFields)).toBe("seqLen");
    expect(suggestField("learningRat", runFields)).toBe("learningRate");
  });

  it("suggests nothing it cannot back: an alias of a field the body does not have, or nothing close", () => {
    expect(suggestField("r", ["hardware", "model"])).toBeUndefined();
    expect(suggestField("notAField", runFields)).toBeUndefined();
    expect(suggestField("x", runFields)).toBeUndefined();
  });
});
