"use client";
import { type FormEvent, useState } from "react";
import { fieldErrorsFrom, errorMessage, type FieldErrors } from "@/components/auth/field-errors";
import { ApiClientError } from "@/lib/api/client";
import { useCreateExperiment } from "@/lib/hooks/use-experiments";
import { EXPERIMENT_NAME_MAX, experimentCreateSchema } from "@/lib/schemas/experiment";

type Field = "name" | "description";
const FIELDS: readonly Field[] = ["name", "description"];

export type ExperimentCreateFormProps = { onCreated?: (id: string) => void };

/** Name and description of a new experiment; the same schema as the API checks it first, the API's 409 lands on the name. */
export function ExperimentCreateForm({ onCreated }: ExperimentCreateFormProps) {
  const create = useCreateExperiment();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = experimentCreateSchema.safeParse({ name, ...(description.trim() ? { description: description.trim() } : {}) });
    if (!parsed.success) {
      setErrors(fieldErrorsFrom(FIELDS, parsed.error.issues));
      return;
    }
    setErrors({});
    try {
      const created = await create.mutateAsync(parsed.data);
      setName("");
      setDescription("");
      onCreated?.(created.id);
    } catch (error) {
      if (error instanceof ApiClientError && error.issues.length) setErrors(fieldErrorsFrom(FIELDS, error.issues));
      else setErrors({ form: errorMessage(error) });
    }
  }

  return (
    <form className="card stack" aria-label="Create an experiment" onSubmit={(event) => void onSubmit(event)}>
      <h2>New experiment</h2>
      <label>
        Name
        <input
          name="name"
          value={name}
          maxLength={EXPERIMENT_NAME_MAX}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. llama-3-8b rank sweep"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "experiment-name-error" : undefined}
        />
      </label>
      {errors.name ? <span id="experiment-name-error" className="field-error" role="status">{errors.name}</span> : null}
      <label>
        Description <span className="muted small">(optional)</span>
        <textarea name="description" rows={2} value={description} onChange={(event) => setDescription(event.target.value)} aria-invalid={errors.description ? true : undefined} />
      </label>
      {errors.description ? <span className="field-error" role="status">{errors.description}</span> : null}
      {errors.form ? <p className="error-banner" role="alert">{errors.form}</p> : null}
      <div>
        <button type="submit" className="button-primary" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create experiment"}</button>
      </div>
    </form>
  );
}
