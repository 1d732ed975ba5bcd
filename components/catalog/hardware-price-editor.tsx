"use client";
import { useState } from "react";
import { useUpdateHardwarePrice } from "@/lib/hooks/use-catalog-admin";
import type { CatalogHardware } from "@/lib/schemas/catalog";
import { hardwarePriceUpdateSchema } from "@/lib/schemas/catalog-input";
import { errorMessage } from "@/components/auth/field-errors";

/** A GPU's hourly price, editable in place with the source of the new figure (prices move; specs do not). */
export function HardwarePriceEditor({ gpu }: { gpu: CatalogHardware }) {
  const update = useUpdateHardwarePrice();
  const [draft, setDraft] = useState<{ price: string; source: string } | null>(null);
  if (!draft) {
    return (
      <span className="row">
        <span title={gpu.priceSource}>${gpu.hourlyPriceUsd.toFixed(2)}</span>
        <button type="button" className="small" onClick={() => setDraft({ price: String(gpu.hourlyPriceUsd), source: "" })} aria-label={`Edit the price of ${gpu.name}`}>Edit</button>
      </span>
    );
  }
  const checked = hardwarePriceUpdateSchema.safeParse({ hourlyPriceUsd: draft.price.trim() ? Number(draft.price) : undefined, priceSource: draft.source });
  return (
    <form
      className="row"
      aria-label={`Price of ${gpu.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (checked.success) update.mutate({ id: gpu.id, update: checked.data }, { onSuccess: () => setDraft(null) });
      }}
    >
      <input aria-label="USD per GPU-hour" inputMode="decimal" size={6} value={draft.price} onChange={(event) => setDraft({ ...draft, price: event.target.value })} />
      <input aria-label="Price source" placeholder="provider, offer, date" value={draft.source} onChange={(event) => setDraft({ ...draft, source: event.target.value })} />
      <button type="submit" disabled={!checked.success || update.isPending}>Save</button>
      <button type="button" onClick={() => setDraft(null)}>Cancel</button>
      {update.isError ? <span role="alert" className="field-error">{errorMessage(update.error)}</span> : null}
    </form>
  );
}
