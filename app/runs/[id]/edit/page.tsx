import { notFound } from "next/navigation";
import { RunForm } from "@/components/runs/run-form";
import { ApiError } from "@/lib/api/errors";
import { getRunOrThrow } from "@/lib/server/runs/read-runs";

export const dynamic = "force-dynamic";

export default async function EditRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const run = await getRunOrThrow(id).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Edit {run.name}</h1>
          <p className="muted">The same rules as a new run apply to the edited run as a whole (PATCH /api/runs/{id}).</p>
        </div>
      </div>
      <RunForm run={run} />
    </>
  );
}
