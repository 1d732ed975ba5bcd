// Reading the values MLflow clients send. MLflow stores every param and tag as a string made with Python's str():
// booleans arrive as "True"/"False", None as "None", lists as "['q_proj', 'v_proj']", sets as "{'q_proj'}", nested
// configs as "{'load_in_4bit': True, 'quant_method': <QuantizationMethod.BITS_AND_BYTES: 'bitsandbytes'>}".
// This is a small reader for that literal syntax (not an evaluator): anything it does not understand stays a string.

export type PythonValue = string | number | boolean | null | PythonValue[] | { [key: string]: PythonValue };

/** Parses a Python literal repr; text that is not one (a bare word, a path) comes back unchanged as a string. */
export function parsePythonValue(text: string): PythonValue {
  const trimmed = text.trim();
  try {
    const reader = new Reader(trimmed);
    const value = reader.value();
    reader.skipSpace();
    return reader.atEnd() ? value : text;
  } catch {
    return text;
  }
}

/** "True"/"False" as Python (and YAML, JSON) write them; anything else is not a boolean. */
export function parseBoolean(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const value = text.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A finite number ("3e-4", "0.0003", "8"); "None", "", "nan" and text give undefined. */
export function parseNumber(text: string | number | undefined): number | undefined {
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** A list of strings from a list, tuple or set repr, or a single bare string; undefined for anything else. */
export function parseStringList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const value = parsePythonValue(text);
  if (Array.isArray(value)) return value.every((item) => typeof item === "string") ? (value as string[]) : undefined;
  if (typeof value === "string" && value.trim() !== "" && value !== "None") return [value.trim()];
  return undefined;
}

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  atEnd() {
    return this.at >= this.text.length;
  }

  skipSpace() {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private peek() {
    return this.text[this.at];
  }

  private expect(char: string) {
    this.skipSpace();
    if (this.text[this.at] !== char) throw new Error(`expected ${char} at ${this.at}`);
    this.at++;
  }

  value(): PythonValue {
    this.skipSpace();
    const char = this.peek();
    if (char === undefined) throw new Error("unexpected end");
    if (char === "[") return this.sequence("[", "]");
    if (char === "(") return this.sequence("(", ")");
    if (char === "{") return this.braces();
    if (char === "'" || char === '"') return this.string();
    if (char === "<") return this.enumRepr();
    return this.word();
  }

  private sequence(open: string, close: string): PythonValue[] {
    this.expect(open);
    const items: PythonValue[] = [];
    this.skipSpace();
    while (this.peek() !== close) {
      items.push(this.value());
      this.skipSpace();
      if (this.peek() === ",") this.at++;
      else if (this.peek() !== close) throw new Error(`expected , or ${close}`);
      this.skipSpace();
    }
    this.at++;
    return items;
  }

  /** A dict, or a set (which MLflow receives from PEFT's target_modules): a set reads as a list. */
  private braces(): PythonValue {
    this.expect("{");
    this.skipSpace();
    if (this.peek() === "}") {
      this.at++;
      return {};
    }
    const first = this.value();
    this.skipSpace();
    if (this.peek() !== ":") {
      const items: PythonValue[] = [first];
      while (this.peek() === ",") {
        this.at++;
        this.skipSpace();
        if (this.peek() === "}") break;
        items.push(this.value());
        this.skipSpace();
      }
      this.expect("}");
      return items;
    }
    const entries: Record<string, PythonValue> = {};
    let key: PythonValue = first;
    for (;;) {
      this.expect(":");
      entries[String(key)] = this.value();
      this.skipSpace();
      if (this.peek() === ",") this.at++;
      this.skipSpace();
      if (this.peek() === "}") break;
      key = this.value();
    }
    this.at++;
    return entries;
  }

  private string(): string {
    const quote = this.text[this.at++]!;
    let out = "";
    for (;;) {
      const char = this.text[this.at++];
      if (char === undefined) throw new Error("unterminated string");
      if (char === quote) return out;
      if (char !== "\\") {
        out += char;
        continue;
      }
      const escaped = this.text[this.at++];
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
      if (escaped !== undefined && escaped in simple) out += simple[escaped];
      else if (escaped === "x" || escaped === "u") {
        const length = escaped === "x" ? 2 : 4;
        out += String.fromCharCode(parseInt(this.text.slice(this.at, this.at + length), 16));
        this.at += length;
      } else out += `\\${escaped ?? ""}`;
    }
  }

  /** `<QuantizationMethod.BITS_AND_BYTES: 'bitsandbytes'>` (an Enum's repr) reads as its value. */
  private enumRepr(): PythonValue {
    const close = this.text.indexOf(">", this.at);
    if (close < 0) throw new Error("unterminated <");
    const inner = this.text.slice(this.at + 1, close);
    this.at = close + 1;
    const colon = inner.indexOf(":");
    return colon < 0 ? inner.trim() : parsePythonValue(inner.slice(colon + 1));
  }

  /** True, False, None, a number, or a bare word (torch.bfloat16, inf) kept as text. */
  private word(): PythonValue {
    const start = this.at;
    while (this.at < this.text.length && !/[,:\])}\s]/.test(this.text[this.at]!)) this.at++;
    const word = this.text.slice(start, this.at);
    if (word === "") throw new Error("empty value");
    if (word === "True") return true;
    if (word === "False") return false;
    if (word === "None") return null;
    return parseNumber(word) ?? word;
  }
}
