import Link from "next/link";
import type { Run } from "@/lib/schemas/run";

export type SourceBadgeProps = { source: Run["source"] };

/** Reference runs name the article they were read from; logged runs say so. */
export function SourceBadge({ source }: SourceBadgeProps) {
  if (!source) return <span className="badge badge-logged">logged</span>;
  return (
    <Link href={`/sources/${source.id}`} className="badge badge-source" title={source.title}>
      {source.kind}: {source.title.length > 28 ? `${source.title.slice(0, 27)}…` : source.title}
    </Link>
  );
}
