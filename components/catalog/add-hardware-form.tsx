"use client";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useCreateHardware } from "@/lib/hooks/use-catalog-admin";
import { hardwareCreateSchema } from "@/lib/schemas/catalog-input";
import { type FieldErrors, errorMessage, fieldErrorsFrom } from "@/components/auth/field-errors";

const FIELDS = ["id", "name", "vendor", "memoryGb", "bf16DenseTflops", "fp16DenseTflops", "memoryBandwidthGbs", "hourlyPriceUsd", "priceSource", "specSource", "aliases"] as const;
type Field = (typeof FIELDS)[number];

const LABELS: Record<Field, string> = {
  id: "Catalog id (e.g. rtx-5080)",
  name: "Display name",
  vendor: "Vendor",
  memoryGb: "Memory (GB, as marketed)",
  bf16DenseTflops: "Dense BF16 tensor TFLOP/s (empty if none)",
  fp16DenseTflops: "Dense FP16 tensor TFLOP/s (FP32 accumulate)",
  memoryBandwidthGbs: "Memory bandwidth (GB/s)",
  hourlyPriceUsd: "Price (USD per GPU-hour)",
  priceSource: "Price source (provider, offer, date)",
  specSource: "Spec source (datasheet, table)",
  aliases: "Other names, comma-separated (what torch.cuda.get_device_name() says)",
};
const NUMBERS = new Set<Field>(["memoryGb", "bf16DenseTflops", "fp16DenseTflops", "memoryBandwidthGbs", "hourlyPriceUsd"]);

function readForm(form: FormData): Record<string, unknown> {
  const value = (field: Field) => String(form.get(field) ?? "").trim();
  const input: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const text = value(field);
    if (field === "aliases") input.aliases = text ? text.split(",").map((alias) => alias.trim()).filter(Boolean) : [];
    else if (field === "bf16DenseTflops") input[field] = text ? Number(text) : null;
    else if (NUMBERS.has(field)) input[field] = text ? Number(text) : undefined;
    else if (text || field !== "vendor") input[field] = text;
  }
  return input;
}

/** Add a GPU with its datasheet figures; each field's problem shows beside it. */
export function AddHardwareForm() {
  const create = useCreateHardware();
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setErrors({});
    setSaved(null);
    const checked = hardwareCreateSchema.safeParse(readForm(new FormData(formElement)));
    if (!checked.success) {
      setErrors(fieldErrorsFrom(FIELDS, checked.error.issues));
      return;
    }
    try {
      const gpu = await create.mutateAsync(checked.data);
      setSaved(gpu.id);
      formElement.reset();
    } catch (error) {
      if (error instanceof ApiClientError && error.issues.length) setErrors(fieldErrorsFrom(FIELDS, error.issues));
      else setErrors({ form: errorMessage(error) });
    }
  }

  return (
    <form className="stack catalog-form" aria-label="Add a GPU" onSubmit={(event) => void onSubmit(event)} noValidate>
      {FIELDS.map((field) => (
        <label key={field}>
          {LABELS[field]}
          <input
            name={field}
            inputMode={NUMBERS.has(field) ? "decimal" : undefined}
            defaultValue={field === "vendor" ? "NVIDIA" : undefined}
            aria-invalid={errors[field] ? true : undefined}
            aria-describedby={errors[field] ? `gpu-${field}-error` : undefined}
            autoComplete="off"
          />
          {errors[field] ? <span id={`gpu-${field}-error`} className="field-error" role="status">{errors[field]}</span> : null}
        </label>
      ))}
      {errors.form ? <p role="alert" className="error-banner">{errors.form}</p> : null}
      {saved ? <p role="status" className="notice">Added GPU {saved}.</p> : null}
      <button type="submit" disabled={create.isPending}>{create.isPending ? "Saving…" : "Add GPU"}</button>
    </form>
  );
}
