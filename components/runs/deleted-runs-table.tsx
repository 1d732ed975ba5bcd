"use client";
import { AdminsOnly } from "@/components/auth/admins-only";
import Link from "next/link";
import { formatWhen } from "@/components/collab/format";
import { useDeletedRuns, useRestoreRun } from "@/lib/hooks/use-runs";
import { useMe } from "@/lib/hooks/use-users";
import { MethodBadge } from "./method-badge";

/** Soft-deleted runs with a Restore button each: the admin's way back from a delete (POST /api/runs/{id}/restore). */
export function DeletedRunsTable() {
  const me = useMe();
  const isAdmin = me.data?.user?.role === "admin";
  const deleted = useDeletedRuns(isAdmin);
  const restore = useRestoreRun();

  if (me.isPending) return <p>Loading…</p>;
  if (!isAdmin) return <AdminsOnly isSignedIn={Boolean(me.data?.user)} />;
  if (deleted.isError) return <div className="error-banner" role="alert">{deleted.error.message}</div>;
  const runs = deleted.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="stack">
      {restore.data ? (
        <p role="status" data-testid="run-restored">
          Restored <Link href={`/runs/${encodeURIComponent(restore.data.id)}`}>{restore.data.name}</Link>: it is back in the runs table, the charts and predictions.
        </p>
      ) : null}
      {restore.isError ? <div className="error-banner" role="alert">{restore.error.message}</div> : null}
      {!deleted.isPending && runs.length === 0 ? <div className="empty-state">No deleted runs.</div> : null}
      {runs.length ? (
        <div className="data-table-wrap">
          <table className="data-table" data-testid="deleted-runs-table">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Method</th><th scope="col">Model</th><th scope="col">Logged by</th><th scope="col">Deleted</th><th scope="col">Actions</th></tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>{run.name}</td>
                  <td><MethodBadge method={run.method} /></td>
                  <td>{run.modelName}</td>
                  <td>{run.createdBy?.name ?? "—"}</td>
                  <td className="small muted">{run.deletedAt ? formatWhen(run.deletedAt) : "—"}</td>
                  <td>
                    <button type="button" disabled={restore.isPending} onClick={() => restore.mutate(run.id)}>Restore</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {deleted.hasNextPage ? (
        <div><button type="button" onClick={() => void deleted.fetchNextPage()} disabled={deleted.isFetchingNextPage}>Load more</button></div>
      ) : null}
    </div>
  );
}
