"use client";
import Link from "next/link";
import { useDeleteView, useMe, useViews } from "@/lib/hooks/use-collab";
import { formatWhen } from "./format";

/** Every saved view, with its shareable link; owners and admins may delete. */
export function ViewsList() {
  const views = useViews();
  const me = useMe();
  const remove = useDeleteView();
  const user = me.data?.user ?? null;
  if (views.isPending) return <p className="muted">Loading views…</p>;
  if (views.isError) return <div className="error-banner" role="alert">{views.error.message}</div>;
  if (!views.data.items.length) return <div className="empty-state">No saved views yet. Use “Save view” on the runs or compare page.</div>;
  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid="views-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Page</th><th scope="col">Owner</th><th scope="col">Saved</th><th scope="col">Share</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {views.data.items.map((view) => (
            <tr key={view.id}>
              <td><Link href={view.url}>{view.name}</Link></td>
              <td className="small">{view.url}</td>
              <td>{view.owner?.name ?? "—"}</td>
              <td className="small muted">{formatWhen(view.createdAt)}</td>
              <td><code className="small">/views/{view.id}</code></td>
              <td>
                {user && (user.role === "admin" || user.id === view.owner?.id) ? (
                  <button type="button" className="button-danger" disabled={remove.isPending} onClick={() => remove.mutate(view.id)}>Delete</button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
