"use client";
import { useRouter } from "next/navigation";
import { SignInNotice } from "@/components/auth/sign-in-notice";
import { type FormEvent, useMemo, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useHardware, useModels } from "@/lib/hooks/use-catalog";
import { useExperiments } from "@/lib/hooks/use-experiments";
import { useCanWrite, useMe } from "@/lib/hooks/use-users";
import { useCreateRun, useUpdateRun } from "@/lib/hooks/use-runs";
import { METHOD_LABELS, type Method, type Run, TARGET_MODULES, runCreateSchema } from "@/lib/schemas/run";
import { ErrorSummary } from "./error-summary";
import { ALL_FIELDS, FORM_GROUPS, type FormField, appliesTo, labelFor, withFormLabels } from "./run-form-fields";

type Values = Record<string, string | boolean | string[]>;
type Errors = Record<string, string>;

export type RunFormProps = { run?: Run };

function initialValues(run?: Run): Values {
  const values: Values = { method: "lora", status: "completed", quantization: "nf4", targetModules: [], oom: false, doubleQuant: false };
  if (!run) return values;
  for (const field of ALL_FIELDS) {
    const value = run[field.name as keyof Run];
    if (value === null || value === undefined) continue;
    if (field.kind === "tags") values[field.name] = (value as string[]).join(", ");
    else if (field.kind === "modules") values[field.name] = value as string[];
    else if (field.kind === "checkbox") values[field.name] = Boolean(value);
    else if (field.kind === "boolean-select" || field.kind === "tri-state") values[field.name] = value ? "yes" : "no";
    else values[field.name] = String(value);
  }
  return values;
}

/**
 * What the form would send. Fields that do not apply to the chosen method are left out (create) or cleared
 * (edit), so a LoRA rank typed before switching to full fine-tuning is not submitted by accident.
 */
function toPayload(values: Values, isEdit: boolean): Record<string, unknown> {
  const method = String(values.method);
  const payload: Record<string, unknown> = {};
  for (const field of ALL_FIELDS) {
    const raw = values[field.name];
    let value: unknown;
    if (!appliesTo(field, method)) value = undefined;
    else if (field.kind === "checkbox") value = Boolean(raw);
    else if (field.kind === "modules") value = (raw as string[] | undefined)?.length ? raw : undefined;
    else if (field.kind === "tags") value = String(raw ?? "").split(",").map((t) => t.trim()).filter(Boolean);
    else if (field.kind === "boolean-select" || field.kind === "tri-state") value = raw === "yes" ? true : raw === "no" ? false : undefined;
    else if (typeof raw === "string" && raw.trim() !== "") value = field.kind === "number" ? Number(raw) : raw.trim();
    if (value === undefined) {
      if (isEdit && field.kind !== "tags" && field.name !== "model" && field.name !== "method") payload[field.name] = null;
      continue;
    }
    payload[field.name] = value;
  }
  if (method !== "qlora" && isEdit) {
    payload.quantization = "none";
    payload.doubleQuant = false;
  }
  return payload;
}

function issuesToErrors(issues: { path: string | (string | number | symbol)[]; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const key = (Array.isArray(issue.path) ? String(issue.path[0] ?? "") : issue.path.split(".")[0]) || "form";
    // The API's messages name its fields (peakMemoryGb); the form shows its own labels instead.
    errors[key] ??= withFormLabels(issue.message);
  }
  return errors;
}

/** New-run and edit form: the API's zod schema checks it before sending; server issues land on the same fields. */
export function RunForm({ run }: RunFormProps) {
  const router = useRouter();
  const isEdit = Boolean(run);
  const [values, setValues] = useState<Values>(() => initialValues(run));
  const [errors, setErrors] = useState<Errors>({});
  const [failedAttempts, setFailedAttempts] = useState(0);
  const me = useMe();
  const canWrite = useCanWrite();
  const create = useCreateRun();
  const update = useUpdateRun(run?.id ?? "");
  const models = useModels();
  const hardware = useHardware();
  // Archived experiments take no new runs, but an edited run may stay in its own.
  const experiments = useExperiments(true);
  const experimentOptions = experiments.data?.items.filter((e) => !e.archivedAt || e.id === run?.experimentId).map((e) => ({ value: e.id, label: e.name }));
  const method = String(values.method);
  const isSaving = create.isPending || update.isPending;

  const isCatalogModel = useMemo(() => {
    const wanted = String(values.model ?? "").trim().toLowerCase();
    return Boolean(models.data?.items.some((m) => [m.id, m.hfId, m.name].some((name) => name?.toLowerCase() === wanted)));
  }, [models.data, values.model]);

  const set = (name: string, value: string | boolean | string[]) => setValues((current) => ({ ...current, [name]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const payload = toPayload(values, isEdit);
    const checked = runCreateSchema.safeParse(Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== null)));
    if (!checked.success) {
      setErrors(issuesToErrors(checked.error.issues));
      setFailedAttempts((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      const saved = isEdit ? await update.mutateAsync(payload) : await create.mutateAsync(checked.data);
      router.push(`/runs/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiClientError && error.issues.length) setErrors(issuesToErrors(error.issues));
      else setErrors({ form: error instanceof Error ? error.message : "Saving failed" });
      setFailedAttempts((n) => n + 1);
    }
  }

  // In the order of the form, so the summary reads top to bottom like the fields it links to.
  const errorItems = [...ALL_FIELDS.map((field) => field.name), ...Object.keys(errors).filter((key) => !LABELLED_NAMES.has(key) && key !== "form")]
    .filter((name) => errors[name])
    .map((name) => ({ fieldId: `field-${name}`, label: labelFor(name), message: errors[name]! }));
  return (
    <form className="run-form" onSubmit={onSubmit} noValidate aria-label={isEdit ? "Edit run" : "Log a run"}>
      {/* /runs/new says it above its import box, before anything can be filled in; the edit form says it here. */}
      {isEdit ? <SignInNotice action="save changes" /> : null}
      <ErrorSummary items={errorItems} formMessage={errors.form} attempt={failedAttempts} />
      {FORM_GROUPS.map((group) => {
        const fields = group.fields.filter((field) => appliesTo(field, method) && (field.name !== "modelParams" || !isCatalogModel || values.modelParams));
        if (!fields.length) return null;
        return (
          <fieldset key={group.title}>
            <legend>{group.title}</legend>
            <div className="fields">
              {fields.map((field) => (
                <FieldInput key={field.name} field={field} value={values[field.name]} error={errors[field.name]} onChange={(value) => set(field.name, value)}
                  options={field.name === "hardware" ? hardware.data?.items.map((gpu) => ({ value: gpu.id, label: `${gpu.name} (${gpu.memoryGb} GB)` })) : field.name === "experimentId" ? experimentOptions : undefined}
                  suggestions={field.kind === "model" ? models.data?.items.map((m) => ({ value: m.hfId ?? m.id, label: m.name })) : undefined} />
              ))}
            </div>
          </fieldset>
        );
      })}
      <div className="row">
        {/* Disabled, not hidden, for those who cannot write: the notice at the top says why. */}
        <button type="submit" className="button-primary button" disabled={isSaving || me.isPending || !canWrite}>{isSaving ? "Saving…" : isEdit ? "Save changes" : "Log run"}</button>
        <button type="button" onClick={() => router.back()}>Cancel</button>
      </div>
    </form>
  );
}

const LABELLED_NAMES = new Set(ALL_FIELDS.map((field) => field.name));

type Option = { value: string; label: string };
type FieldInputProps = {
  field: FormField;
  value: string | boolean | string[] | undefined;
  error?: string;
  onChange: (value: string | boolean | string[]) => void;
  options?: Option[];
  suggestions?: Option[];
};

function FieldInput({ field, value, error, onChange, options, suggestions }: FieldInputProps) {
  const id = `field-${field.name}`;
  const describedBy = [error ? `${id}-error` : null, field.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name: field.name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  let control;
  if (field.kind === "checkbox") {
    control = (
      <div className="checkbox-row">
        <input type="checkbox" {...common} checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{field.label}</label>
      </div>
    );
  } else if (field.kind === "modules") {
    const selected = (value as string[] | undefined) ?? [];
    control = (
      <div className="checkbox-group" id={id} tabIndex={-1} role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
        {TARGET_MODULES.map((module) => (
          <label key={module} className="checkbox-row small">
            <input type="checkbox" checked={selected.includes(module)} onChange={(e) => onChange(e.target.checked ? [...selected, module] : selected.filter((m) => m !== module))} />
            {module}
          </label>
        ))}
      </div>
    );
  } else if (field.kind === "select" || field.kind === "boolean-select" || field.kind === "tri-state") {
    const choices =
      field.kind === "boolean-select"
        ? [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]
        : field.kind === "tri-state"
          ? [{ value: "yes", label: "On" }, { value: "no", label: "Off" }]
          : (options ?? field.options?.map((o) => ({ value: o, label: METHOD_LABELS[o as Method] ?? o })) ?? []);
    const isRequired = field.name === "method" || field.name === "status" || field.name === "quantization";
    control = (
      <select {...common} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)}>
        {isRequired ? null : <option value="">{field.kind === "tri-state" ? "Framework default" : "—"}</option>}
        {choices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
      </select>
    );
  } else if (field.kind === "textarea") {
    control = <textarea {...common} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} />;
  } else {
    control = (
      <>
        <input {...common} type={field.kind === "number" ? "number" : "text"} step={field.step} inputMode={field.kind === "number" ? "decimal" : undefined}
          list={suggestions ? `${id}-list` : undefined} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} />
        {suggestions ? <datalist id={`${id}-list`}>{suggestions.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}</datalist> : null}
      </>
    );
  }
  return (
    <div className="field">
      {field.kind === "checkbox" ? null : field.kind === "modules" ? <span className="label" id={`${id}-label`}>{field.label}</span> : <label htmlFor={id}>{field.label}</label>}
      {control}
      {field.hint ? <span id={`${id}-hint`} className="field-hint">{field.hint}</span> : null}
      {error ? <span id={`${id}-error`} className="field-error" role="status">{error}</span> : null}
    </div>
  );
}
