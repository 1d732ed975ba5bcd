"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { runArtifactsKey } from "@/lib/query/artifact-keys";
import type { ArtifactList } from "@/lib/schemas/artifact";
import { formatBytes } from "@/lib/format-bytes";

export type RunArtifactsProps = { runId: string; experimentId: string };

/** The download address MLflow clients use too; each segment encoded so that names with spaces or '#' work. */
function downloadHref(experimentId: string, runId: string, path: string): string {
  const segments = [experimentId, runId, "artifacts", ...path.split("/")].map(encodeURIComponent);
  return `/api/2.0/mlflow-artifacts/artifacts/${segments.join("/")}`;
}

/** The files a training script uploaded for this run (torchtune's config, adapters, checkpoints), with downloads. */
export function RunArtifacts({ runId, experimentId }: RunArtifactsProps) {
  const artifacts = useQuery({
    queryKey: runArtifactsKey(runId),
    queryFn: () => apiFetch<ArtifactList>(`/api/runs/${encodeURIComponent(runId)}/artifacts`),
  });
  const items = artifacts.data?.items;
  return (
    <section className="card" aria-labelledby="artifacts-heading">
      <h2 id="artifacts-heading">Artifacts</h2>
      {!items ? (
        <p className="muted">{artifacts.isError ? "Could not load the artifacts." : "Loading artifacts…"}</p>
      ) : items.length === 0 ? (
        <p className="muted">
          No files yet. MLflow clients upload them with log_artifact (torchtune always sends its config YAML); the artifact URI is{" "}
          <code>mlflow-artifacts:/{experimentId}/{runId}/artifacts</code>.
        </p>
      ) : (
        <div className="data-table-wrap">
          <table className="data-table" data-testid="run-artifacts">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col" className="num">Size</th>
                <th scope="col">Uploaded</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.path}>
                  <td>
                    <a href={downloadHref(experimentId, runId, item.path)} download>
                      {item.path}
                    </a>
                  </td>
                  <td className="num">{formatBytes(item.sizeBytes)}</td>
                  <td>{item.updatedAt.slice(0, 19).replace("T", " ")} UTC</td>
                  <td className="muted small" title={item.sha256}>
                    <code>{item.sha256.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
