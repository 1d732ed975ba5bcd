// How history and activity read: "rank 16 → 32", "status Draft → In review".
import { REVIEW_STATUS_LABELS, type ReviewStatus, type RunEvent } from "@/lib/schemas/collab";

export function formatEventValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "—";
  if (typeof value === "string") return REVIEW_STATUS_LABELS[value as ReviewStatus] ?? value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** One line saying what happened, without who and when (shown beside it). */
export function describeEvent(event: RunEvent): string {
  switch (event.kind) {
    case "created": return "logged the run";
    case "updated": return `changed ${event.field}: ${formatEventValue(event.oldValue)} → ${formatEventValue(event.newValue)}`;
    case "status": return `set review status: ${formatEventValue(event.oldValue)} → ${formatEventValue(event.newValue)}`;
    case "baseline": return event.newValue ? "marked it as baseline" : "removed the baseline mark";
    case "deleted": return "deleted the run";
    case "restored": return "restored the run";
    case "comment": {
      const excerpt = (event.newValue as { excerpt?: string } | null)?.excerpt;
      return excerpt ? `commented: “${excerpt}”` : "commented";
    }
  }
}

export const formatWhen = (iso: string) => new Date(iso).toLocaleString();
