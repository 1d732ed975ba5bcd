// One colour per measured source, fixed by the source's position in the sorted list so that the scatters and the
// tables agree. Okabe & Ito's colour-blind-safe palette (2008), without its yellow, which vanishes on white.
const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#999999"] as const;

/** Colour per source id, in the order given (sorted ids give the same colours on every page). */
export function sourceColors(sourceIds: readonly string[]): Map<string, string> {
  return new Map(sourceIds.map((id, i) => [id, OKABE_ITO[i % OKABE_ITO.length]!]));
}
