"use client";
import { AdminsOnly } from "@/components/auth/admins-only";
import { useHardware, useModels } from "@/lib/hooks/use-catalog";
import { useMe } from "@/lib/hooks/use-users";
import { errorMessage } from "@/components/auth/field-errors";
import { AddHardwareForm } from "./add-hardware-form";
import { AddModelForm } from "./add-model-form";
import { HardwarePriceEditor } from "./hardware-price-editor";

const oneDecimal = (value: number | null) => (value === null ? "—" : value.toLocaleString("en-US", { maximumFractionDigits: 1 }));

/** Admins add GPUs and models and update prices; both catalogs are listed as predictions see them. */
export function CatalogAdmin() {
  const me = useMe();
  const models = useModels();
  const hardware = useHardware();
  if (me.isPending) return <p>Loading…</p>;
  if (me.data?.user?.role !== "admin") return <AdminsOnly isSignedIn={Boolean(me.data?.user)} />;

  return (
    <div className="stack">
      <div className="catalog-forms">
        <section aria-labelledby="add-model-heading">
          <h2 id="add-model-heading">Add a model from config.json</h2>
          <AddModelForm />
        </section>
        <section aria-labelledby="add-gpu-heading">
          <h2 id="add-gpu-heading">Add a GPU</h2>
          <AddHardwareForm />
        </section>
      </div>

      <h2>GPUs</h2>
      {hardware.isError ? <p role="alert" className="error-banner">{errorMessage(hardware.error)}</p> : null}
      <div className="data-table-wrap">
        <table className="data-table" aria-label="GPU catalog">
          <thead>
            <tr>
              <th scope="col">Id</th><th scope="col">Name</th><th scope="col" className="num">Memory (GB)</th><th scope="col" className="num">BF16 TFLOP/s</th>
              <th scope="col" className="num">FP16 TFLOP/s</th><th scope="col" className="num">Bandwidth (GB/s)</th><th scope="col">Price (USD/h)</th><th scope="col">Also known as</th>
            </tr>
          </thead>
          <tbody>
            {(hardware.data?.items ?? []).map((gpu) => (
              <tr key={gpu.id}>
                <td>{gpu.id}</td>
                <td title={gpu.specSource}>{gpu.name}</td>
                <td className="num">{oneDecimal(gpu.memoryGb)}</td>
                <td className="num">{oneDecimal(gpu.bf16DenseTflops)}</td>
                <td className="num">{oneDecimal(gpu.fp16DenseTflops)}</td>
                <td className="num">{oneDecimal(gpu.memoryBandwidthGbs)}</td>
                <td><HardwarePriceEditor gpu={gpu} /></td>
                <td className="small muted">{gpu.aliases.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Models</h2>
      {models.isError ? <p role="alert" className="error-banner">{errorMessage(models.error)}</p> : null}
      <div className="data-table-wrap">
        <table className="data-table" aria-label="Model catalog">
          <thead>
            <tr>
              <th scope="col">Id</th><th scope="col">Name</th><th scope="col">Hugging Face id</th><th scope="col" className="num">Parameters</th>
              <th scope="col" className="num">Layers</th><th scope="col" className="num">Hidden</th><th scope="col" className="num">Heads (KV)</th><th scope="col" className="num">Vocabulary</th>
            </tr>
          </thead>
          <tbody>
            {(models.data?.items ?? []).map((model) => (
              <tr key={model.id}>
                <td>{model.id}</td>
                <td title={model.citation}>{model.name}</td>
                <td>{model.hfId ?? "—"}</td>
                <td className="num">{model.totalParams.toLocaleString("en-US")}</td>
                <td className="num">{model.numLayers}</td>
                <td className="num">{model.hiddenSize}</td>
                <td className="num">{model.numAttentionHeads} ({model.numKeyValueHeads})</td>
                <td className="num">{model.vocabSize.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
