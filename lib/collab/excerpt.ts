// One-line excerpts of comment bodies for the activity feed and the run history, on the server and the client.

/** The text on one line, cut to `length` characters with an ellipsis. */
export function excerpt(text: string, length = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
