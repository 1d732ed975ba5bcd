"use client";
import type { ChangeEvent, ReactNode } from "react";
import { useHardware, useModels } from "@/lib/hooks/use-catalog";
import { FRAMEWORK_DEFAULTS, resolveTraining } from "@/lib/predict/frameworks";
import { ATTENTION_IMPLEMENTATIONS, FRAMEWORKS, METHOD_LABELS, METHODS, OPTIMIZERS, PRECISIONS, SHARDING, TARGET_MODULES, TRAINING_SETTING_LABELS } from "@/lib/schemas/run";
import { PLAN_SWITCHES, type PlanState, type PlanSwitch } from "./plan-params";

export type PlanFormProps = {
  plan: PlanState;
  onChange: (next: Partial<PlanState>) => void;
  /** First issue per field, from the schema or the server. */
  errors: Record<string, string>;
};

const ATTENTION_LABELS: Record<PlanState["attention"], string> = { eager: "Eager (stores s² scores)", sdpa: "SDPA", flash: "FlashAttention-2" };
const SHARDING_LABELS: Record<PlanState["sharding"], string> = { none: "None (data parallel)", zero2: "ZeRO-2", zero3: "ZeRO-3 / FSDP" };

const toNumber = (event: ChangeEvent<HTMLInputElement>) => (event.target.value === "" ? null : Number(event.target.value));

const SWITCH_LABELS: Record<PlanSwitch, { label: string; hint: string }> = {
  gradientCheckpointing: { label: TRAINING_SETTING_LABELS.gradientCheckpointing, hint: "Recomputes activations: less memory, ~⅓ more compute" },
  packing: { label: TRAINING_SETTING_LABELS.packing, hint: "Sequences packed into full rows, no padding" },
  chunkedLoss: { label: TRAINING_SETTING_LABELS.chunkedLoss, hint: "The fp32 logits are never held at once" },
  activationOffloading: { label: TRAINING_SETTING_LABELS.activationOffloading, hint: "Saved activations kept in CPU memory" },
  torchCompile: { label: TRAINING_SETTING_LABELS.torchCompile, hint: "Compiled model and loss" },
  optimizerInBackward: { label: TRAINING_SETTING_LABELS.optimizerInBackward, hint: "Each gradient freed once its step is done" },
  masterWeights: { label: TRAINING_SETTING_LABELS.masterWeights, hint: "AMP: fp32 trainable weights and states; off: pure bf16" },
};

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <span className="field-error" id={`${id}-error`}>{error}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </div>
  );
}

/** The configuration to predict. Every change goes straight to the plan; the page debounces the requests. */
export function PlanForm({ plan, onChange, errors }: PlanFormProps) {
  const models = useModels();
  const hardware = useHardware();
  const isAdapter = plan.method !== "full";
  const wanted = plan.model.toLowerCase();
  const model = models.data?.items.find((m) => [m.id, m.hfId, m.name].some((key) => key?.toLowerCase() === wanted));
  // What each switch is when left to the framework, for this method and GPU count: one rule, as the API applies it.
  const defaults = resolveTraining({ framework: plan.framework, method: plan.method, gpuCount: plan.gpuCount }).settings;
  const invalid = (name: string, id: string) => ({ "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `${id}-error` : undefined });

  return (
    <form className="plan-form run-form" aria-label="Training configuration" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>Model and method</legend>
        <div className="fields">
          <Field id="plan-model" label="Base model" error={errors.model}>
            <select id="plan-model" value={model?.id ?? plan.model} onChange={(event) => onChange({ model: event.target.value })} {...invalid("model", "plan-model")}>
              {!model ? <option value={plan.model}>{plan.model} (not in the catalog)</option> : null}
              {models.data?.items.map((m) => (
                <option key={m.id} value={m.id}>{m.name}{m.hfId ? ` · ${m.hfId}` : ""}</option>
              ))}
            </select>
          </Field>
          <Field id="plan-method" label="Method" error={errors.method}>
            <select id="plan-method" value={plan.method} onChange={(event) => onChange({ method: event.target.value as PlanState["method"] })}>
              {METHODS.map((method) => <option key={method} value={method}>{METHOD_LABELS[method]}</option>)}
            </select>
          </Field>
          {isAdapter ? (
            <>
              <Field id="plan-rank" label="Rank r" error={errors.rank}>
                <input id="plan-rank" type="number" min={1} max={4096} step={1} value={plan.rank ?? ""} onChange={(event) => onChange({ rank: toNumber(event) })} {...invalid("rank", "plan-rank")} />
              </Field>
              <Field id="plan-alpha" label="Alpha" hint="Scales the update; no effect on memory" error={errors.loraAlpha}>
                <input id="plan-alpha" type="number" min={0} step="any" value={plan.loraAlpha ?? ""} onChange={(event) => onChange({ loraAlpha: toNumber(event) })} {...invalid("loraAlpha", "plan-alpha")} />
              </Field>
              <Field id="plan-dropout" label="LoRA dropout" hint="Above 0 saves a copy of each adapted input" error={errors.loraDropout}>
                <input id="plan-dropout" type="number" min={0} max={0.99} step={0.01} value={plan.loraDropout ?? ""} onChange={(event) => onChange({ loraDropout: toNumber(event) })} {...invalid("loraDropout", "plan-dropout")} />
              </Field>
            </>
          ) : null}
          {plan.method === "qlora" ? (
            <>
              <Field id="plan-quantization" label="Quantization" error={errors.quantization}>
                <select id="plan-quantization" value={plan.quantization} onChange={(event) => onChange({ quantization: event.target.value as PlanState["quantization"] })}>
                  <option value="nf4">NF4 (4-bit)</option>
                  <option value="fp4">FP4 (4-bit)</option>
                  <option value="int8">LLM.int8 (8-bit)</option>
                </select>
              </Field>
              <div className="field">
                <label className="checkbox-row">
                  <input type="checkbox" checked={plan.doubleQuant} onChange={(event) => onChange({ doubleQuant: event.target.checked })} />
                  Double quantization
                </label>
                <span className="field-hint">Quantizes the block constants too</span>
              </div>
            </>
          ) : null}
        </div>
        {isAdapter ? (
          <div className="field plan-modules">
            <span className="label" id="plan-modules-label">Target modules</span>
            <div className="checkbox-group" role="group" aria-labelledby="plan-modules-label">
              {TARGET_MODULES.map((module) => (
                <label key={module} className="checkbox-row">
                  <input
                    type="checkbox"
                    checked={plan.targetModules.includes(module)}
                    onChange={(event) => {
                      const others = plan.targetModules.filter((m) => m !== module);
                      // all-linear already covers every projection, so it replaces them rather than joining them.
                      const next = event.target.checked ? (module === "all-linear" ? ["all-linear" as const] : [...others.filter((m) => m !== "all-linear"), module]) : others;
                      onChange({ targetModules: next });
                    }}
                  />
                  {module}
                </label>
              ))}
            </div>
            {errors.targetModules ? <span className="field-error">{errors.targetModules}</span> : null}
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>Training</legend>
        <div className="fields">
          <Field id="plan-precision" label="Compute dtype">
            <select id="plan-precision" value={plan.precision} onChange={(event) => onChange({ precision: event.target.value as PlanState["precision"] })}>
              {PRECISIONS.map((precision) => <option key={precision} value={precision}>{precision}</option>)}
            </select>
          </Field>
          <Field id="plan-batch" label="Batch size (per GPU)" error={errors.batchSize}>
            <input id="plan-batch" type="number" min={1} max={4096} step={1} value={plan.batchSize ?? ""} onChange={(event) => onChange({ batchSize: toNumber(event) })} {...invalid("batchSize", "plan-batch")} />
          </Field>
          <Field id="plan-seq" label="Sequence length (tokens)" error={errors.seqLen}>
            <input id="plan-seq" type="number" min={1} max={1_048_576} step={1} value={plan.seqLen ?? ""} onChange={(event) => onChange({ seqLen: toNumber(event) })} {...invalid("seqLen", "plan-seq")} />
          </Field>
          <Field id="plan-attention" label="Attention">
            <select id="plan-attention" value={plan.attention} onChange={(event) => onChange({ attention: event.target.value as PlanState["attention"] })}>
              {ATTENTION_IMPLEMENTATIONS.map((attention) => <option key={attention} value={attention}>{ATTENTION_LABELS[attention]}</option>)}
            </select>
          </Field>
          <Field id="plan-optimizer" label="Optimizer">
            <select id="plan-optimizer" value={plan.optimizer} onChange={(event) => onChange({ optimizer: event.target.value as PlanState["optimizer"] })}>
              {OPTIMIZERS.map((optimizer) => <option key={optimizer} value={optimizer}>{optimizer}</option>)}
            </select>
          </Field>
          <Field id="plan-accumulation" label="Gradient accumulation" hint={`Effective batch ${(plan.batchSize ?? 1) * (plan.gradientAccumulation ?? 1) * (plan.gpuCount ?? 1)} sequences; no memory cost`} error={errors.gradientAccumulation}>
            <input id="plan-accumulation" type="number" min={1} max={4096} step={1} value={plan.gradientAccumulation ?? ""} onChange={(event) => onChange({ gradientAccumulation: toNumber(event) })} />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>How it trains</legend>
        <div className="fields">
          <Field id="plan-framework" label="Framework" hint="Its documented defaults apply to every switch left at “Default”" error={errors.framework}>
            <select id="plan-framework" value={plan.framework} onChange={(event) => onChange({ framework: event.target.value as PlanState["framework"] })}>
              {FRAMEWORKS.map((framework) => <option key={framework} value={framework}>{FRAMEWORK_DEFAULTS[framework].label}</option>)}
            </select>
          </Field>
          {PLAN_SWITCHES.map((field) => {
            const id = `plan-switch-${field}`;
            const { label, hint } = SWITCH_LABELS[field];
            const value = plan[field];
            return (
              <Field key={field} id={id} label={label} hint={hint} error={errors[field]}>
                <select
                  id={id}
                  value={value === null ? "default" : value ? "on" : "off"}
                  onChange={(event) => onChange({ [field]: event.target.value === "default" ? null : event.target.value === "on" } as Partial<PlanState>)}
                >
                  <option value="default">Default ({defaults[field] ? "on" : "off"})</option>
                  <option value="on">On</option>
                  <option value="off">Off</option>
                </select>
              </Field>
            );
          })}
        </div>
      </fieldset>

      <fieldset>
        <legend>Hardware and data</legend>
        <div className="fields">
          <Field id="plan-gpu" label="GPU" error={errors.hardware}>
            <select id="plan-gpu" value={plan.hardware} onChange={(event) => onChange({ hardware: event.target.value })} {...invalid("hardware", "plan-gpu")}>
              {hardware.data && !hardware.data.items.some((gpu) => gpu.id === plan.hardware) ? <option value={plan.hardware}>{plan.hardware} (not in the catalog)</option> : null}
              {hardware.data?.items.map((gpu) => <option key={gpu.id} value={gpu.id}>{gpu.name} ({gpu.memoryGb} GB)</option>)}
            </select>
          </Field>
          <Field id="plan-gpus" label="GPU count" error={errors.gpuCount}>
            <input id="plan-gpus" type="number" min={1} max={4096} step={1} value={plan.gpuCount ?? ""} onChange={(event) => onChange({ gpuCount: toNumber(event) })} {...invalid("gpuCount", "plan-gpus")} />
          </Field>
          <Field id="plan-sharding" label="Sharding" hint={(plan.gpuCount ?? 1) > 1 ? undefined : "Needs 2 or more GPUs"} error={errors.sharding}>
            <select id="plan-sharding" value={(plan.gpuCount ?? 1) > 1 ? plan.sharding : "none"} disabled={(plan.gpuCount ?? 1) < 2} onChange={(event) => onChange({ sharding: event.target.value as PlanState["sharding"] })}>
              {SHARDING.map((sharding) => <option key={sharding} value={sharding}>{SHARDING_LABELS[sharding]}</option>)}
            </select>
          </Field>
          <Field id="plan-dataset" label="Dataset size (examples)" hint="Leave empty for no time or cost" error={errors.datasetSize}>
            <input id="plan-dataset" type="number" min={1} step={1} value={plan.datasetSize ?? ""} onChange={(event) => onChange({ datasetSize: toNumber(event) })} {...invalid("datasetSize", "plan-dataset")} />
          </Field>
          <Field id="plan-epochs" label="Epochs" error={errors.epochs}>
            <input id="plan-epochs" type="number" min={0} step="any" value={plan.epochs ?? ""} onChange={(event) => onChange({ epochs: toNumber(event) })} {...invalid("epochs", "plan-epochs")} />
          </Field>
        </div>
      </fieldset>
    </form>
  );
}
