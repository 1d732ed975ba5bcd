"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { RequiresWrite } from "@/components/auth/requires-write";
import { errorMessage } from "@/components/auth/field-errors";
import { useExperiments } from "@/lib/hooks/use-experiments";
import { useCanWrite } from "@/lib/hooks/use-users";
import { ExperimentCreateForm } from "./experiment-create-form";
import { ExperimentsTable } from "./experiments-table";

/** The /experiments page's client part: "show archived" lives in the URL (?archived=true), like every filter. */
export function ExperimentsManager() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const includeArchived = searchParams.get("archived") === "true";
  const experiments = useExperiments(includeArchived);
  const canWrite = useCanWrite();

  function onToggleArchived(checked: boolean) {
    const params = new URLSearchParams(searchParams.toString());
    if (checked) params.set("archived", "true");
    else params.delete("archived");
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  return (
    <div className="stack">
      <label className="checkbox-row" style={{ flexDirection: "row", color: "var(--fg)" }}>
        <input type="checkbox" checked={includeArchived} onChange={(event) => onToggleArchived(event.target.checked)} />
        Show archived
      </label>
      {experiments.isPending ? (
        <p className="muted">Loading experiments…</p>
      ) : experiments.isError ? (
        <p className="error-banner" role="alert">{errorMessage(experiments.error)}</p>
      ) : (
        <ExperimentsTable experiments={experiments.data.items} canWrite={canWrite} />
      )}
      <RequiresWrite action="create experiments">
        <ExperimentCreateForm />
      </RequiresWrite>
    </div>
  );
}
