// Text as a regular expression that matches exactly it: every character with a meaning in a pattern is escaped
// (the slash too, so the result also reads right inside a /.../ literal).

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
