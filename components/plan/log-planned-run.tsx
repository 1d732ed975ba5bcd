"use client";
import Link from "next/link";
import { useState } from "react";
import { RequiresWrite } from "@/components/auth/requires-write";
import { ApiClientError } from "@/lib/api/client";
import { useCreateRun } from "@/lib/hooks/use-runs";
import type { Prediction } from "@/lib/schemas/predict";
import { type PlanState, planToRunInput } from "./plan-params";

export type LogPlannedRunProps = { plan: PlanState; prediction: Prediction | undefined; isValid: boolean };

/** Saves the plan as a run with status planned, so the prediction can later be compared with what is measured. */
export function LogPlannedRun({ plan, prediction, isValid }: LogPlannedRunProps) {
  const [name, setName] = useState("");
  const create = useCreateRun();
  const error = create.error;

  return (
    <section className="card" aria-labelledby="plan-log-heading">
      <h2 id="plan-log-heading">Log as planned run</h2>
      <p className="muted small">
        Creates a run with status <em>planned</em> and this configuration (framework, gradient accumulation and the switches you set included; those left to
        the framework stay unset), with the prediction in its notes. Fill in the measured memory and throughput after training and the run page compares them.
      </p>
      <RequiresWrite action="log this plan as a run">
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate(planToRunInput(plan, prediction, name));
          }}
        >
          <label className="inline-control" htmlFor="plan-run-name">Run name</label>
          <input id="plan-run-name" value={name} onChange={(event) => setName(event.target.value)} placeholder="derived from method and model" maxLength={200} />
          <button type="submit" className="button-primary" disabled={!isValid || create.isPending}>
            {create.isPending ? "Logging…" : "Log as planned run"}
          </button>
        </form>
      </RequiresWrite>
      {create.data ? (
        <p role="status" data-testid="planned-run-created">
          Logged <Link href={`/runs/${encodeURIComponent(create.data.id)}`}>{create.data.name}</Link> as planned. <Link href="/runs?status=planned">All planned runs</Link>
        </p>
      ) : null}
      {error ? (
        <div className="error-banner" role="alert">
          Could not log the run: {error.message}
          {error instanceof ApiClientError && error.issues.length ? <ul>{error.issues.map((issue) => <li key={issue.path}>{issue.path}: {issue.message}</li>)}</ul> : null}
        </div>
      ) : null}
    </section>
  );
}
