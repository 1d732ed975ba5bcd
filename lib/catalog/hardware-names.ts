// Finds a catalogued GPU from the name a person or a program uses for it: a catalog id ("a100-80gb"), a display
// name, an alias ("RTX 4090"), or what `torch.cuda.get_device_name()` returns ("NVIDIA A100-SXM4-80GB",
// "Tesla V100-SXM2-16GB", "NVIDIA H100 80GB HBM3", "NVIDIA GeForce RTX 3090 Ti"). Pure: callers pass the catalog.

export type NamedHardware = { id: string; name: string; aliases: readonly string[]; memoryGb: number };

/** Words that name the vendor, the product line or the memory technology: they never tell two catalog cards apart. */
const NOISE = new Set(["nvidia", "geforce", "tesla", "quadro", "rtx", "gpu", "tensor", "core", "graphics", "generation", "gb"]);
const MEMORY_TECHNOLOGY = /^(hbm\d*e?|gddr\d*x?)$/;
/** SXM sockets are the default form factor of the data-centre cards in the catalog, so they carry no flag. */
const SXM = /^sxm\d*$/;
/**
 * Flags that make a different card: a 3090 Ti is not a 3090, a laptop 4090 (16 GB, lower clocks) is not the desktop
 * one, an RTX 6000 Ada or an RTX PRO 6000 is not the Turing Quadro RTX 6000, an H100 NVL is not an H100 SXM.
 */
const STRICT_FLAGS = new Set(["ti", "super", "laptop", "mobile", "maxq", "ada", "pro", "nvl", "d"]);

type ParsedName = { model: string | null; memoryGb: number | null; flags: Set<string>; isPcie: boolean };

function normalize(text: string): string {
  return text.toLowerCase().replace(/max-q/g, "maxq").replace(/[^a-z0-9.]+/g, " ").trim().replace(/\s+/g, " ");
}

function parseName(text: string): ParsedName {
  const tokens = normalize(text).split(" ").filter(Boolean);
  let model: string | null = null;
  let memoryGb: number | null = null;
  const flags = new Set<string>();
  let isPcie = false;
  tokens.forEach((token, index) => {
    const memory = /^(\d+(?:\.\d+)?)(?:gb|g)$/.exec(token);
    if (memory) memoryGb = Number(memory[1]);
    else if (/^\d+(?:\.\d+)?$/.test(token) && tokens[index + 1] === "gb") memoryGb = Number(token);
    else if (token === "pcie") isPcie = true;
    else if (STRICT_FLAGS.has(token)) flags.add(token);
    else if (NOISE.has(token) || MEMORY_TECHNOLOGY.test(token) || SXM.test(token)) return;
    else if (model === null && /\d/.test(token)) model = token;
  });
  return { model, memoryGb, flags, isPcie };
}

const sameFlags = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((flag) => b.has(flag));

/** The part of a name that is left once vendor words are gone: "NVIDIA A100" and the alias "A100" agree on it. */
const bareKey = (text: string) => normalize(text).split(" ").filter((token) => !NOISE.has(token)).join(" ");

/**
 * The catalog id for `name`, or null when no entry fits or several fit equally. Exact ids, names and aliases win;
 * otherwise the model number and the strict flags must agree, a PCIe card prefers a PCIe entry, and a memory size
 * in the name must equal the entry's (so an A100 40GB is never taken for the 80 GB entry).
 */
export function matchHardware(name: string, catalog: readonly NamedHardware[]): string | null {
  const wanted = normalize(name);
  if (!wanted) return null;
  for (const entry of catalog) {
    if ([entry.id, entry.name, ...entry.aliases].some((label) => normalize(label) === wanted)) return entry.id;
  }

  const query = parseName(name);
  if (query.model === null) return null;
  let candidates = catalog.filter((entry) => {
    const own = parseName(entry.name);
    const models = new Set([entry.name, ...entry.aliases].map((label) => parseName(label).model));
    return models.has(query.model) && sameFlags(own.flags, query.flags);
  });
  const pcie = candidates.filter((entry) => parseName(entry.name).isPcie);
  const socketed = candidates.filter((entry) => !parseName(entry.name).isPcie);
  // A PCIe name with no PCIe entry falls back to the socketed card of the same memory (A100 PCIe: same peak TFLOP/s).
  if (query.isPcie) candidates = pcie.length > 0 ? pcie : socketed;
  else if (socketed.length > 0) candidates = socketed;
  if (query.memoryGb !== null) {
    const memoryGb = query.memoryGb;
    candidates = candidates.filter((entry) => Math.abs(entry.memoryGb - memoryGb) <= 1);
  }
  if (candidates.length === 1) return candidates[0]!.id;
  if (candidates.length === 0) return null;
  const key = bareKey(name);
  const byAlias = candidates.filter((entry) => [entry.name, ...entry.aliases].some((label) => bareKey(label) === key));
  return byAlias.length === 1 ? byAlias[0]!.id : null;
}
