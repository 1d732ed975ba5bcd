// How history and activity read: "rank 16 → 32", "status Draft → In review".
import { excerpt } from "@/lib/collab/excerpt";
import { REVIEW_STATUS_LABELS, type ReviewStatus, type RunEvent } from "@/lib/schemas/collab";

const commentBody = (value: unknown) => (value as { body?: string } | null)?.body ?? "";

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
      const text = (event.newValue as { excerpt?: string } | null)?.excerpt;
      return text ? `commented: “${text}”` : "commented";
    }
    case "comment_edited": return `edited a comment: “${excerpt(commentBody(event.oldValue), 80)}” → “${excerpt(commentBody(event.newValue), 80)}”`;
    case "comment_deleted": return `deleted a comment: “${excerpt(commentBody(event.oldValue), 80)}”`;
  }
}

export const formatWhen = (iso: string) => new Date(iso).toLocaleString();
