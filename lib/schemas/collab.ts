// The team-review contract (issue #5): comments, review status, run history, the activity feed and saved views.
// One set of zod schemas for the handlers, the client hooks, the OpenAPI document and the tests.
import { z } from "zod";

export const REVIEW_STATUSES = ["draft", "in_review", "accepted", "rejected", "needs_rerun"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  accepted: "Accepted",
  rejected: "Rejected",
  needs_rerun: "Needs rerun",
};

export const RUN_EVENT_KINDS = ["created", "updated", "status", "baseline", "deleted", "restored", "comment", "comment_edited", "comment_deleted"] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];
export const RUN_EVENT_KIND_LABELS: Record<RunEventKind, string> = {
  created: "Run logged",
  updated: "Field changed",
  status: "Review status",
  baseline: "Baseline flag",
  deleted: "Run deleted",
  restored: "Run restored",
  comment: "Comment",
  comment_edited: "Comment edited",
  comment_deleted: "Comment deleted",
};

/** A person as other people's records show them. */
export const personSchema = z.object({ id: z.string(), username: z.string(), name: z.string() });
export type Person = z.infer<typeof personSchema>;

const commentBody = z.string().trim().min(1, "must not be empty").max(10_000, "must be at most 10000 characters");

export const commentCreateSchema = z.strictObject({ body: commentBody.describe("Markdown; @username mentions a person") });
export const commentPatchSchema = commentCreateSchema;
export type CommentInput = z.output<typeof commentCreateSchema>;

export const commentSchema = z.object({
  id: z.string(),
  runId: z.string(),
  author: personSchema.nullable(),
  body: z.string().describe("Markdown as written"),
  html: z.string().describe("The body rendered to HTML: raw HTML escaped, only http(s), mailto and relative links kept"),
  mentions: z.array(z.string()).describe("Usernames mentioned that existed when the comment was written"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

export const reviewPutSchema = z
  .strictObject({
    status: z.enum(REVIEW_STATUSES, { error: `must be one of ${REVIEW_STATUSES.join(", ")}` }).optional(),
    isBaseline: z.boolean().optional(),
  })
  .refine((value) => value.status !== undefined || value.isBaseline !== undefined, { message: "send status, isBaseline or both" });
export type ReviewPut = z.output<typeof reviewPutSchema>;

export const reviewSchema = z.object({
  runId: z.string(),
  status: z.enum(REVIEW_STATUSES),
  isBaseline: z.boolean(),
  changedBy: personSchema.nullable().describe("Who last changed the status or baseline flag; null when nobody has"),
  changedAt: z.string().nullable(),
});
export type Review = z.infer<typeof reviewSchema>;

export const runEventSchema = z.object({
  id: z.string(),
  runId: z.string(),
  runName: z.string(),
  kind: z.enum(RUN_EVENT_KINDS),
  field: z.string().nullable(),
  oldValue: z.unknown().describe("The value before, as JSON; null when none"),
  newValue: z
    .unknown()
    .describe("The value after, as JSON. comment: { commentId, excerpt }; comment_edited: old and new { commentId, body }; comment_deleted: old { commentId, body }"),
  actor: personSchema.nullable(),
  createdAt: z.string(),
});
export type RunEvent = z.infer<typeof runEventSchema>;

export const runEventPageSchema = z.object({ items: z.array(runEventSchema), nextCursor: z.string().nullable() });
export type RunEventPage = z.infer<typeof runEventPageSchema>;

const csvKinds = z.preprocess(
  (value) => (typeof value === "string" ? value.split(",").map((part) => part.trim()).filter(Boolean) : value),
  z.array(z.enum(RUN_EVENT_KINDS)),
);

export const activityQuerySchema = z.object({
  user: z.string().trim().min(1).max(100).optional().describe("Username: only what this person did"),
  mentions: z.string().trim().min(1).max(100).optional().describe("Username: only comments that mention this person (@username)"),
  kind: csvKinds.optional().describe("Comma-separated event kinds"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional().describe("nextCursor of the previous page"),
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;

/** Pages a saved view may point at; its query string is their URL state. */
export const VIEW_PATHS = ["/runs", "/compare", "/compare/diff", "/activity"] as const;

export const savedViewCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  path: z.enum(VIEW_PATHS, { error: `must be one of ${VIEW_PATHS.join(", ")}` }),
  query: z
    .string()
    .max(4000, "must be at most 4000 characters")
    .transform((value) => value.replace(/^\?/, ""))
    .describe("The page's search params, e.g. method=lora&hardware=rtx-4090"),
});
export type SavedViewCreate = z.output<typeof savedViewCreateSchema>;

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.enum(VIEW_PATHS),
  query: z.string(),
  url: z.string().describe("path?query: where /views/{id} redirects"),
  owner: personSchema.nullable(),
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const runDeletedQuerySchema = z.object({ deleted: z.enum(["true", "false"]).optional().describe("Admins only: true lists soft-deleted runs") });
