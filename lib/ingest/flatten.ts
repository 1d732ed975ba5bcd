// A nested config (a parsed torchtune or Axolotl YAML, a JSON file) as the flat params its MLflow logger would send:
// torchtune's flatten_dict joins nested keys with "." and leaves lists whole (pytorch/torchtune
// torchtune/training/metric_logging.py at bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1), and mlflow.log_params stores
// each value as str(value). So an imported file and a logged run derive the same fields through one rule table.

/** Nested dicts to dotted keys; each value as Python's str() writes it ("True", "None", "['q_proj', 'v_proj']"). */
export function flattenConfig(config: unknown, separator = "."): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, prefix: string) => {
    if (isPlainObject(value)) {
      // An empty dict adds no key, as in flatten_dict.
      for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}${separator}${key}` : key);
      return;
    }
    out[prefix] = pythonStr(value);
  };
  if (isPlainObject(config)) walk(config, "");
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** str(): a string as itself, anything else as its repr. */
export function pythonStr(value: unknown): string {
  return typeof value === "string" ? value : pythonRepr(value);
}

/** Python's repr of a JSON-like value: True/False/None, 1e-05, 'quoted', [list], {'dict': ...}. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return pythonNumber(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return pythonStringRepr(value);
  if (value instanceof Date) return pythonStringRepr(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>).map(([key, child]) => `${pythonStringRepr(key)}: ${pythonRepr(child)}`).join(", ")}}`;
  }
  return String(value);
}

/**
 * Python's float repr: the shortest round-trip digits (as JavaScript's), positional for exponents -4 to 15 and
 * otherwise d.ddde-XX with at least two exponent digits (1e-05, 3e-4 → 0.0003). YAML integers stay integers.
 */
function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  const [mantissa, exponentText] = value.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** repr(str): single quotes unless the text holds a ' and no ", with backslash escapes. */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    if (char === "\\") out += "\\\\";
    else if (char === quote) out += `\\${quote}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char < " " || char === "\x7f") out += `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return out + quote;
}
