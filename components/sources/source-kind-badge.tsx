/** What kind of source it is, in words: a framework's benchmark table reads "Published measurements". */
export const SOURCE_KIND_LABELS: Record<string, string> = {
  article: "article",
  paper: "paper",
  user: "measured by a user",
  measurement: "Published measurements",
};

export type SourceKindBadgeProps = { kind: string };

export function SourceKindBadge({ kind }: SourceKindBadgeProps) {
  return <span className={kind === "measurement" || kind === "user" ? "badge badge-measured" : "badge badge-source"}>{SOURCE_KIND_LABELS[kind] ?? kind}</span>;
}
