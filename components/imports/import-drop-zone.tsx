"use client";
// Drop (or pick: keyboard users) the files a training run wrote; see what they will set; then import. Writing a long
// history streams progress from the server (Accept: application/x-ndjson) rather than slicing it here: one request
// keeps a new run all or nothing (the server deletes it if a slice fails) and the bar shows points actually written.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type DragEvent, useId, useState } from "react";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { runKeys } from "@/lib/query/keys";
import type { ImportProgressLine, ImportResult } from "@/lib/schemas/import";

export type ImportDropZoneProps = { runId?: string };

type Picked = { filename: string; content: string };

const describeError = (error: unknown) =>
  error instanceof ApiClientError && error.issues.length ? error.issues.map((issue) => issue.message) : [error instanceof Error ? error.message : String(error)];

const show = (value: unknown) => (Array.isArray(value) ? value.join(", ") : typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 6 }) : String(value));

async function streamImport(body: unknown, onProgress: (written: number, total: number) => void): Promise<ImportResult> {
  const response = await fetch("/api/import", { method: "POST", headers: { "content-type": "application/json", accept: "application/x-ndjson" }, body: JSON.stringify(body) });
  if (!response.ok || !response.body) {
    const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } } | null;
    throw new ApiClientError(response.status, payload?.error?.code ?? "unknown", payload?.error?.message ?? `Import failed with status ${response.status}`, payload?.error?.issues ?? []);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as ImportProgressLine;
      buffered = buffered.slice(newline + 1);
      if (line.type === "progress") onProgress(line.written, line.total);
      else if (line.type === "done") return line.result;
      else throw new ApiClientError(500, line.error.code, line.error.message, line.error.issues ?? []);
    }
  }
  throw new Error("The import stopped before it finished; nothing of a new run was kept");
}

export function ImportDropZone({ runId }: ImportDropZoneProps) {
  const inputId = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<Picked[]>([]);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [isBusy, setIsBusy] = useState(false);
  const [isOver, setIsOver] = useState(false);
  const [progress, setProgress] = useState<{ written: number; total: number } | null>(null);

  async function onFiles(list: FileList | null) {
    if (!list?.length) return;
    setErrors([]);
    setPreview(null);
    setProgress(null);
    setIsBusy(true);
    try {
      const picked = await Promise.all([...list].map(async (file) => ({ filename: file.name, content: await file.text() })));
      setFiles(picked);
      setPreview(await apiFetch<ImportResult>("/api/import", { method: "POST", json: { files: picked, runId, dryRun: true } }));
    } catch (error) {
      setErrors(describeError(error));
    } finally {
      setIsBusy(false);
    }
  }

  async function onImport() {
    setIsBusy(true);
    setErrors([]);
    try {
      const result = await streamImport({ files, runId }, (written, total) => setProgress({ written, total }));
      if (runId) {
        await queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
        await queryClient.invalidateQueries({ queryKey: runKeys.metrics(runId) });
        setPreview(null);
        setFiles([]);
      } else if (result.runId) router.push(`/runs/${result.runId}`);
      else setPreview({ ...result, dryRun: false });
    } catch (error) {
      setErrors(describeError(error));
    } finally {
      setIsBusy(false);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setIsOver(false);
    void onFiles(event.dataTransfer.files);
  }

  return (
    <section className="card" aria-labelledby={`${inputId}-title`} data-testid="import-drop-zone">
      <h2 id={`${inputId}-title`}>Import from files</h2>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setIsOver(true);
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={onDrop}
        style={{ border: "2px dashed var(--border, #999)", borderRadius: 8, padding: "1rem", background: isOver ? "var(--surface-2, #eef)" : undefined }}
      >
        <p className="muted small">
          Drop adapter_config.json, trainer_state.json, a model&apos;s config.json, or a torchtune / Axolotl YAML here (several files make one run
          {runId ? " — imported into this run" : ""}), or{" "}
          <label htmlFor={inputId} className="button">
            choose files
          </label>
        </p>
        <input id={inputId} type="file" multiple accept=".json,.yaml,.yml,application/json" className="visually-hidden" style={{ position: "absolute", width: 1, height: 1, opacity: 0 }} onChange={(event) => void onFiles(event.target.files)} aria-label="Choose files to import" />
      </div>
      {errors.length > 0 && (
        <ul role="alert" className="error" data-testid="import-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {preview && (
        <div data-testid="import-preview">
          <h3>{preview.dryRun ? "This import will set" : "Imported"}</h3>
          <ul className="small">
            {preview.files.map((file) => (
              <li key={file.filename}>
                {file.filename}: {file.kind.replace("_", " ")}
                {file.framework ? ` (${file.framework})` : ""}, {file.fieldsSet.length} fields, {file.paramCount} parameters, {file.metricPoints.toLocaleString("en-US")} metric points
              </li>
            ))}
          </ul>
          {preview.model && (
            <p>
              Model {preview.model.hfId ?? preview.model.id}: {preview.model.status === "added" ? "added to the catalog" : "already catalogued"} ({(preview.model.totalParams / 1e9).toFixed(2)} B parameters)
            </p>
          )}
          <table className="table small">
            <thead>
              <tr>
                <th>Field</th>
                <th>Value</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(preview.fields).map(([field, value]) => (
                <tr key={field}>
                  <td>{field}</td>
                  <td>{show(value)}</td>
                  <td className="muted">{preview.from[field] ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.tags.length > 0 && <p className="small">Tags: {preview.tags.join(", ")}</p>}
          <p className="small">
            {Object.keys(preview.params).length} parameters kept verbatim; {preview.metrics.points.toLocaleString("en-US")} metric points
            {preview.metrics.keys.length ? ` (${preview.metrics.keys.map((k) => k.key).join(", ")})` : ""}
          </p>
          {preview.warnings.length > 0 && (
            <ul className="small muted" data-testid="import-warnings">
              {preview.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          {preview.dryRun && (
            <button type="button" className="button primary" onClick={() => void onImport()} disabled={isBusy}>
              Import
            </button>
          )}
        </div>
      )}
      {progress && progress.total > 0 && (
        <p>
          <progress value={progress.written} max={progress.total} aria-label="Metric points written" />{" "}
          <span className="small">
            {progress.written.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} points
          </span>
        </p>
      )}
      {isBusy && !progress && <p className="muted small">Reading…</p>}
    </section>
  );
}
