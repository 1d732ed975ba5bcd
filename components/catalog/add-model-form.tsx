"use client";
import { useMemo, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useCreateModel } from "@/lib/hooks/use-catalog-admin";
import { ModelConfigError, modelFromConfigJson, type ModelFromConfig } from "@/lib/ingest/model-config";
import { errorMessage } from "@/components/auth/field-errors";

type Preview = { model: ModelFromConfig; config: Record<string, unknown> } | { problems: string[] } | null;

const formatBillions = (count: number) => `${(count / 1e9).toFixed(2)} B`;

/** Reads the pasted text the way the server will: the same pure function, so the preview is what gets saved. */
function previewOf(text: string, options: { id?: string; hfId?: string; name?: string }): Preview {
  if (!text.trim()) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`not valid JSON: ${errorMessage(error)}`] };
  }
  try {
    return { model: modelFromConfigJson(json, options), config: json as Record<string, unknown> };
  } catch (error) {
    if (error instanceof ModelConfigError) return { problems: error.problems };
    throw error;
  }
}

/** Paste a Hugging Face config.json, see the architecture and parameter count, save it to the model catalog. */
export function AddModelForm() {
  const create = useCreateModel();
  const [text, setText] = useState("");
  const [id, setId] = useState("");
  const [hfId, setHfId] = useState("");
  const [name, setName] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const options = useMemo(() => ({ id: id.trim() || undefined, hfId: hfId.trim() || undefined, name: name.trim() || undefined }), [id, hfId, name]);
  const preview = useMemo(() => previewOf(text, options), [text, options]);
  const serverIssues = create.error instanceof ApiClientError ? create.error.issues : [];

  function onSave() {
    if (!preview || !("model" in preview)) return;
    setSaved(null);
    create.mutate({ config: preview.config, ...options }, {
      onSuccess: (model) => {
        setSaved(model.id);
        setText("");
      },
    });
  }

  return (
    <form className="stack catalog-form" aria-label="Add a model from config.json" onSubmit={(event) => { event.preventDefault(); onSave(); }}>
      <label>
        config.json
        <textarea
          name="config"
          rows={10}
          spellCheck={false}
          value={text}
          onChange={(event) => { setText(event.target.value); setSaved(null); create.reset(); }}
          placeholder='{"model_type": "llama", "hidden_size": 4096, ...}'
        />
      </label>
      <label>
        Hugging Face id <span className="muted small">(owner/name; read from _name_or_path when empty)</span>
        <input name="hfId" value={hfId} onChange={(event) => setHfId(event.target.value)} placeholder="Qwen/Qwen2.5-7B-Instruct" autoComplete="off" />
      </label>
      <label>
        Catalog id <span className="muted small">(derived from the Hugging Face id when empty)</span>
        <input name="id" value={id} onChange={(event) => setId(event.target.value)} placeholder="qwen2.5-7b-instruct" autoComplete="off" />
      </label>
      <label>
        Display name <span className="muted small">(optional)</span>
        <input name="name" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
      </label>

      {preview && "problems" in preview ? (
        <div role="alert" className="error-banner">
          <strong>This config.json cannot be added:</strong>
          <ul>{preview.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
        </div>
      ) : null}
      {preview && "model" in preview ? (
        <section aria-label="Preview" className="catalog-preview">
          <h3>Preview: {preview.model.name} <span className="muted">({preview.model.id})</span></h3>
          <dl className="catalog-preview-grid">
            <dt>Parameters</dt>
            <dd data-testid="preview-params">{formatBillions(preview.model.totalParams)} ({preview.model.totalParams.toLocaleString("en-US")})</dd>
            <dt>Family</dt><dd>{preview.model.family}</dd>
            <dt>Layers</dt><dd>{preview.model.numLayers}</dd>
            <dt>Hidden size</dt><dd>{preview.model.hiddenSize}</dd>
            <dt>MLP size</dt><dd>{preview.model.intermediateSize}</dd>
            <dt>Attention heads</dt><dd>{preview.model.numAttentionHeads} query, {preview.model.numKeyValueHeads} key/value, head dim {preview.model.headDim}</dd>
            <dt>Vocabulary</dt><dd>{preview.model.vocabSize.toLocaleString("en-US")}</dd>
            <dt>Embeddings</dt><dd>{preview.model.tiedEmbeddings ? "tied with the output head" : "separate output head"}</dd>
            <dt>Notes</dt><dd>{preview.model.notes}</dd>
          </dl>
        </section>
      ) : null}

      {create.isError ? (
        <p role="alert" className="error-banner">
          {errorMessage(create.error)}
          {serverIssues.length > 1 ? ` (${serverIssues.map((issue) => issue.message).join("; ")})` : null}
        </p>
      ) : null}
      {saved ? <p role="status" className="notice">Added model {saved}. It is now in the plan and run forms.</p> : null}
      <button type="submit" disabled={!preview || !("model" in preview) || create.isPending}>{create.isPending ? "Saving…" : "Add model"}</button>
    </form>
  );
}
