"use client";
import { useState } from "react";
import { RequiresWrite } from "@/components/auth/requires-write";
import { useComments, useCreateComment, useDeleteComment, useMe, useUpdateComment } from "@/lib/hooks/use-collab";
import { useCanWrite } from "@/lib/hooks/use-users";
import type { Comment } from "@/lib/schemas/collab";
import { formatWhen } from "./format";

export type CommentThreadProps = { runId: string };

/**
 * The run's comments. Their HTML comes from the server's renderer (lib/collab/markdown.ts), which escapes raw
 * HTML and drops unsafe links, so inserting it does not run anything the author wrote.
 */
function CommentBody({ html }: { html: string }) {
  return <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

function CommentItem({ comment, runId, canChange }: { comment: Comment; runId: string; canChange: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const update = useUpdateComment(runId);
  const remove = useDeleteComment(runId);
  return (
    <li className="comment" data-testid="comment">
      <div className="small muted">
        <strong>{comment.author?.name ?? "someone"}</strong> @{comment.author?.username} · {formatWhen(comment.createdAt)}
        {comment.updatedAt !== comment.createdAt ? " · edited" : ""}
      </div>
      {draft === null ? (
        <CommentBody html={comment.html} />
      ) : (
        <form onSubmit={(event) => { event.preventDefault(); update.mutate({ id: comment.id, body: draft }, { onSuccess: () => setDraft(null) }); }}>
          <label>
            Edit comment
            <textarea value={draft} onChange={(event) => setDraft(event.target.value)} rows={3} />
          </label>
          <div className="row">
            <button type="submit" className="button-primary" disabled={update.isPending}>Save</button>
            <button type="button" onClick={() => setDraft(null)}>Cancel</button>
          </div>
        </form>
      )}
      {canChange && draft === null ? (
        <div className="row">
          <button type="button" onClick={() => setDraft(comment.body)}>Edit</button>
          <button type="button" className="button-danger" disabled={remove.isPending} onClick={() => { if (window.confirm("Delete this comment?")) remove.mutate(comment.id); }}>Delete</button>
        </div>
      ) : null}
      {update.isError || remove.isError ? <div className="error-banner" role="alert">{(update.error ?? remove.error)?.message}</div> : null}
    </li>
  );
}

export function CommentThread({ runId }: CommentThreadProps) {
  const comments = useComments(runId);
  const me = useMe();
  const create = useCreateComment(runId);
  const [body, setBody] = useState("");
  const user = me.data?.user ?? null;
  // A viewer (say, a demoted member) keeps their comments but may no longer change them, as the server rules.
  const canWrite = useCanWrite();

  return (
    <section className="card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      {comments.data?.items.length === 0 ? <p className="muted">No comments yet.</p> : null}
      <ul className="comment-list">
        {comments.data?.items.map((comment) => (
          <CommentItem key={comment.id} comment={comment} runId={runId} canChange={canWrite && user !== null && (user.role === "admin" || comment.author?.id === user.id)} />
        ))}
      </ul>
      <RequiresWrite action="comment">
        <form onSubmit={(event) => { event.preventDefault(); create.mutate(body, { onSuccess: () => setBody("") }); }}>
          <label>
            Comment (Markdown; @username mentions someone)
            <textarea value={body} onChange={(event) => setBody(event.target.value)} rows={3} />
          </label>
          <button type="submit" className="button-primary" disabled={create.isPending || !body.trim()}>Comment</button>
          {create.isError ? <div className="error-banner" role="alert">{create.error.message}</div> : null}
        </form>
      </RequiresWrite>
    </section>
  );
}
