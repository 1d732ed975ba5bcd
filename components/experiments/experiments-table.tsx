"use client";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { errorMessage } from "@/components/auth/field-errors";
import { formatWhen } from "@/components/collab/format";
import { useUpdateExperiment } from "@/lib/hooks/use-experiments";
import { DEFAULT_EXPERIMENT_ID, EXPERIMENT_NAME_MAX, type Experiment } from "@/lib/schemas/experiment";

export type ExperimentsTableProps = { experiments: Experiment[]; canWrite: boolean };

const runsHref = (id: string) => `/runs?experiment=${encodeURIComponent(id)}`;

function RenameForm({ experiment, onDone }: { experiment: Experiment; onDone: () => void }) {
  const update = useUpdateExperiment();
  const [name, setName] = useState(experiment.name);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      await update.mutateAsync({ id: experiment.id, patch: { name } });
      onDone();
    } catch {
      // The error is shown below the field; the form stays open to correct it.
    }
  }
  return (
    <form className="row" aria-label={`Rename ${experiment.name}`} onSubmit={(event) => void onSubmit(event)}>
      <input aria-label="New name" value={name} maxLength={EXPERIMENT_NAME_MAX} onChange={(event) => setName(event.target.value)} autoFocus />
      <button type="submit" disabled={update.isPending}>Save</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {update.isError ? <span className="field-error" role="status">{errorMessage(update.error)}</span> : null}
    </form>
  );
}

/** Experiments with their run counts and last activity; members rename, archive and restore (never Default's archive). */
export function ExperimentsTable({ experiments, canWrite }: ExperimentsTableProps) {
  const update = useUpdateExperiment();
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <div className="stack">
      {update.isError ? <p className="error-banner" role="alert">{errorMessage(update.error)}</p> : null}
      <div className="data-table-wrap">
        <table className="data-table" data-testid="experiments-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">Runs</th>
              <th scope="col">Last activity</th>
              <th scope="col">Created</th>
              {canWrite ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {experiments.map((experiment) => (
              <tr key={experiment.id} data-experiment-id={experiment.id}>
                <td>
                  {renaming === experiment.id ? (
                    <RenameForm experiment={experiment} onDone={() => setRenaming(null)} />
                  ) : (
                    <>
                      <Link href={runsHref(experiment.id)}>{experiment.name}</Link>
                      {experiment.archivedAt ? <> <span className="badge">Archived</span></> : null}
                      <div className="small muted">id {experiment.id}</div>
                    </>
                  )}
                </td>
                <td className="small">{experiment.description ?? <span className="muted">—</span>}</td>
                <td className="num"><Link href={runsHref(experiment.id)}>{experiment.runCount}</Link></td>
                <td className="small muted">{experiment.lastActivityAt ? formatWhen(experiment.lastActivityAt) : "no runs yet"}</td>
                <td className="small muted">{formatWhen(experiment.createdAt)}</td>
                {canWrite ? (
                  <td>
                    <div className="row">
                      {renaming === experiment.id ? null : (
                        <button type="button" aria-label={`Rename ${experiment.name}`} onClick={() => setRenaming(experiment.id)}>Rename</button>
                      )}
                      {experiment.id === DEFAULT_EXPERIMENT_ID ? null : experiment.archivedAt ? (
                        <button type="button" aria-label={`Restore ${experiment.name}`} disabled={update.isPending} onClick={() => update.mutate({ id: experiment.id, patch: { archived: false } })}>
                          Restore
                        </button>
                      ) : (
                        <button
                          type="button"
                          aria-label={`Archive ${experiment.name}`}
                          disabled={update.isPending}
                          onClick={() => {
                            if (window.confirm(`Archive "${experiment.name}"? Its ${experiment.runCount} runs stay; it takes no new runs until restored.`)) {
                              update.mutate({ id: experiment.id, patch: { archived: true } });
                            }
                          }}
                        >
                          Archive
                        </button>
                      )}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
