import Link from "next/link";
import type { Run } from "@/lib/schemas/run";

export type SourceBadgeProps = { source: Run["source"] };

/** Reference runs name the source they were read from (a published measurement reads "measured"); logged runs say so. */
export function SourceBadge({ source }: SourceBadgeProps) {
  if (!source) return <span className="badge badge-logged">logged</span>;
  const isMeasured = source.kind === "measurement" || source.kind === "user";
  return (
    <Link href={`/sources/${source.id}`} className={isMeasured ? "badge badge-measured" : "badge badge-source"} title={source.title}>
      {isMeasured ? "measured" : source.kind}: {source.title.length > 28 ? `${source.title.slice(0, 27)}…` : source.title}
    </Link>
  );
}
