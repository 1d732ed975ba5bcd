// PEFT settings, which the Hugging Face MLflowCallback does not log: from params or key-value tags named `peft.<field>`
// (what a training script sets with mlflow.set_tags({f"peft.{k}": v ...}) from its LoraConfig), or from the fields of
// an adapter_config.json (LoraConfig.to_dict) when they come with its `peft_type`. Field names from huggingface/peft
// src/peft/tuners/lora/config.py (r, lora_alpha, lora_dropout, target_modules, base_model_name_or_path, use_dora,
// use_rslora) at 5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40. LoraConfig keeps target_modules as a set: its str() is
// "{'q_proj', 'v_proj'}".
import { customRule, toPositive, toPositiveInt, toTargetModuleList, toText, type DerivedFields, type Rule, type RuleInput } from "./types";

/** The value of PEFT field `name`: `peft.<name>` anywhere, the bare name only beside a peft_type. */
function peftValue(input: RuleInput, name: string): { raw: string; key: string } | undefined {
  const prefixed = input.param(`peft.${name}`);
  if (prefixed !== undefined) return { raw: prefixed, key: `peft.${name}` };
  if (input.param("peft_type") === undefined) return undefined;
  const bare = input.param(name);
  return bare === undefined ? undefined : { raw: bare, key: name };
}

function peftRule<K extends keyof DerivedFields>(field: K, name: string, convert: (raw: string) => DerivedFields[K] | undefined): Rule {
  return customRule(field, [`peft.${name}`, name], (input) => {
    const hit = peftValue(input, name);
    const value = hit && convert(hit.raw);
    return value === undefined || value === null || !hit ? undefined : { value: value as NonNullable<DerivedFields[K]>, from: hit.key };
  });
}

export const PEFT_RULES: readonly Rule[] = [
  customRule("method", ["peft.peft_type", "peft_type"], (input) => {
    for (const key of ["peft.peft_type", "peft_type"]) {
      // PeftType is an Enum: its str() reads "PeftType.LORA", adapter_config.json writes "LORA".
      const type = input.param(key)?.trim().replace(/^PeftType\./, "").toUpperCase();
      if (type === "LORA") return { value: "lora", from: key };
    }
    return undefined;
  }, "LORA → lora (qlora when the base is quantized)"),
  peftRule("rank", "r", toPositiveInt),
  peftRule("loraAlpha", "lora_alpha", toPositive),
  peftRule("loraDropout", "lora_dropout", (raw) => {
    const value = Number(raw);
    return raw.trim() !== "" && Number.isFinite(value) ? value : undefined;
  }),
  peftRule("targetModules", "target_modules", toTargetModuleList),
  peftRule("model", "base_model_name_or_path", toText),
];
