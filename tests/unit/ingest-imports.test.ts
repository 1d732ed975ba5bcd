// Imports of the files training already writes (lib/ingest/imports): PEFT adapter_config.json, Hugging Face
// trainer_state.json, a model's config.json, torchtune and Axolotl YAML. Fixtures in tests/fixtures/imports have the
// shapes PEFT's LoraConfig / PeftConfig and transformers' TrainerState.save_to_json write.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportFileError, mergeImports, parseImportFile } from "@/lib/ingest/imports";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/schemas/import";
import { generateTrainerState } from "../support/trainer-state";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/imports", name), "utf8");
const errorOf = (filename: string, content: string) => {
  try {
    parseImportFile(filename, content);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return (error as Error).message;
  }
  throw new Error("expected an ImportFileError");
};

describe("adapter_config.json", () => {
  it("reads rank, alpha, dropout, targets in Tuneboard's order, the base model and the DoRA flag, keeping every key as peft.* params", () => {
    const parsed = parseImportFile("adapter_config.json", fixture("adapter_config.json"));
    expect(parsed.kind).toBe("adapter_config");
    expect(parsed.fields).toEqual({ method: "lora", rank: 16, loraAlpha: 32, loraDropout: 0.05, targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"], model: "meta-llama/Llama-2-7b-hf" });
    expect(parsed.from.rank).toBe("r");
    expect(parsed.tags).toEqual(["dora"]);
    expect(parsed.params["peft.use_dora"]).toBe("true");
    expect(parsed.params["peft.target_modules"]).toBe('["v_proj","q_proj","o_proj","k_proj"]');
    expect(parsed.params["peft.auto_mapping"]).toBe("null");
  });

  it("keeps unknown module names as params with a warning, and reads all-linear and regex targets", () => {
    const base = { peft_type: "LORA", r: 8, lora_alpha: 16, base_model_name_or_path: "tiiuae/falcon-7b" };
    const fused = parseImportFile("adapter_config.json", JSON.stringify({ ...base, target_modules: ["query_key_value", "dense"] }));
    expect(fused.fields.targetModules).toBeUndefined();
    expect(fused.warnings.join(" ")).toContain("query_key_value, dense are not among Tuneboard's modules");
    expect(parseImportFile("adapter_config.json", JSON.stringify({ ...base, target_modules: "all-linear" })).fields.targetModules).toEqual(["all-linear"]);
    const regex = parseImportFile("adapter_config.json", JSON.stringify({ ...base, target_modules: ".*\\.(q_proj|v_proj)$" }));
    expect(regex.fields.targetModules).toEqual(["q_proj", "v_proj"]);
    expect(regex.warnings[0]).toContain("regular expression");
  });

  it("makes the run QLoRA when the base model is a 4-bit checkpoint", () => {
    const parsed = parseImportFile("adapter_config.json", JSON.stringify({ peft_type: "LORA", r: 16, base_model_name_or_path: "unsloth/llama-3-8b-bnb-4bit" }));
    expect(parsed.fields.method).toBe("qlora");
  });

  it("refuses a prefix-tuning adapter, naming its type", () => {
    expect(errorOf("adapter_config.json", fixture("prefix_tuning_adapter_config.json"))).toBe(
      "adapter_config.json: this is an adapter_config.json of a prefix-tuning adapter: only LoRA adapters are understood",
    );
  });

  it("refuses an adapter_config.json without peft_type and a rank that is not a whole number", () => {
    expect(errorOf("adapter_config.json", JSON.stringify({ r: 8 }))).toContain("adapter_config.json has no peft_type");
    expect(errorOf("adapter_config.json", JSON.stringify({ peft_type: "LORA", r: 8.5 }))).toContain("r must be a whole number");
  });
});

describe("trainer_state.json", () => {
  it("turns every numeric key of every log entry into a point at its step, NaN included, and the final summary into outcomes and params", () => {
    const parsed = parseImportFile("trainer_state.json", fixture("trainer_state.json"));
    expect(parsed.kind).toBe("trainer_state");
    expect(parsed.framework).toBe("transformers");
    const loss = parsed.metrics!.filter((p) => p.key === "loss");
    expect(loss.map((p) => [p.step, p.value])).toEqual([[10, 1.9821], [20, 1.4407], [30, 1.2716], [40, 1.2109]]);
    expect(parsed.metrics!.filter((p) => p.key === "eval_loss").map((p) => p.step)).toEqual([20, 40]);
    expect(Number.isNaN(parsed.metrics!.find((p) => p.key === "grad_norm" && p.step === 30)!.value)).toBe(true);
    expect(parsed.metrics!.some((p) => p.key === "epoch" && p.step === 10 && p.value === 0.25)).toBe(true);
    // 4 training entries × 4 keys + 2 eval entries × 5 keys; the summary is not a curve
    expect(parsed.metrics).toHaveLength(16 + 10);
    expect(parsed.metrics!.some((p) => p.key === "total_flos" || p.key === "train_runtime")).toBe(false);
    expect(parsed.params.train_runtime).toBe("842.7");
    expect(parsed.fields).toEqual({ wallTimeSec: 842.7, throughputSamplesPerSec: 3.797, trainLoss: 1.4763, evalLoss: 1.2533, epochs: 1, batchSize: 4 });
    expect(parsed.params.global_step).toBe("40");
  });

  it("without the final summary takes the last logged loss and says training had not finished", () => {
    const state = JSON.parse(fixture("trainer_state.json").replace("NaN", "null")) as { log_history: object[] };
    state.log_history.pop();
    const parsed = parseImportFile("trainer_state.json", JSON.stringify(state));
    expect(parsed.fields.trainLoss).toBe(1.2109);
    expect(parsed.fields.wallTimeSec).toBeUndefined();
    expect(parsed.warnings.join(" ")).toContain("had not finished");
  });

  it("refuses a trainer_state.json without log_history", () => {
    expect(errorOf("trainer_state.json", JSON.stringify({ global_step: 3 }))).toBe("trainer_state.json has no log_history: it is not a Hugging Face trainer_state.json");
  });

  it("reads 100,000 log entries into 400,000 points, and the file fits the import body cap with room to spare", () => {
    const text = generateTrainerState(100_000);
    const started = performance.now();
    const parsed = parseImportFile("trainer_state.json", text);
    const ms = performance.now() - started;
    expect(parsed.metrics).toHaveLength(400_000);
    expect(parsed.metrics!.at(-1)).toMatchObject({ key: "loss", step: 100_000 });
    const body = Buffer.byteLength(JSON.stringify({ files: [{ filename: "trainer_state.json", content: text }] }));
    console.log(`100,000-entry trainer_state.json: ${(text.length / 1e6).toFixed(1)} MB, ${(body / 1e6).toFixed(1)} MB as a request body, parsed in ${ms.toFixed(0)} ms`);
    expect(body).toBeLessThan(MAX_IMPORT_BODY_BYTES / 2);
  });
});

describe("detection", () => {
  it("reads a wrongly named file by its content, with a warning", () => {
    const parsed = parseImportFile("trainer_state.json", fixture("adapter_config.json"));
    expect(parsed.kind).toBe("adapter_config");
    expect(parsed.warnings.join(" ")).toContain("named trainer_state.json but holds a adapter config");
    expect(parseImportFile("state (1).json", fixture("trainer_state.json")).kind).toBe("trainer_state");
  });

  it("refuses a JSON file of no known kind, naming what it looked for", () => {
    expect(errorOf("tokenizer_config.json", JSON.stringify({ bos_token: "<s>" }))).toContain("is not an adapter_config.json (no peft_type), a trainer_state.json (no log_history) or a model's config.json");
    expect(errorOf("adapter_config.json", "{ not json")).toContain("adapter_config.json is not valid JSON");
  });

  it("names the line of a YAML syntax error", () => {
    expect(errorOf("broken.yaml", fixture("broken.yaml"))).toMatch(/^broken\.yaml: YAML line 6: /);
  });

  it("refuses YAML that is neither a torchtune recipe nor an Axolotl config", () => {
    expect(errorOf("docker-compose.yml", "services:\n  web:\n    image: nginx\n")).toContain("neither a torchtune recipe");
  });
});

describe("recipes", () => {
  it("recognises a torchtune recipe and maps it through the shared rule table", () => {
    const parsed = parseImportFile("8B_lora_single_device.yaml", fixture("llama3_1_8B_lora_single_device.yaml"));
    expect(parsed.kind).toBe("torchtune");
    expect(parsed.framework).toBe("torchtune");
    expect(parsed.params["model.lora_rank"]).toBe("8");
    expect(parsed.fields).toMatchObject({ method: "lora", rank: 8, loraAlpha: 16, batchSize: 2, gradientAccumulation: 8 });
  });

  it("recognises an Axolotl config and reads QLoRA from load_in_4bit", () => {
    const parsed = parseImportFile("qlora.yml", fixture("axolotl-qlora.yml"));
    expect(parsed.kind).toBe("axolotl");
    expect(parsed.fields).toMatchObject({ method: "qlora", rank: 32, loraAlpha: 16, seqLen: 4096, batchSize: 2, model: "NousResearch/Meta-Llama-3-8B" });
  });
});

describe("mergeImports", () => {
  it("makes one run of adapter_config.json + trainer_state.json, each field saying where it came from", () => {
    const { plan, conflicts } = mergeImports([parseImportFile("trainer_state.json", fixture("trainer_state.json")), parseImportFile("adapter_config.json", fixture("adapter_config.json"))]);
    expect(conflicts).toEqual([]);
    expect(plan.fields).toMatchObject({ method: "lora", rank: 16, trainLoss: 1.4763, batchSize: 4 });
    expect(plan.from.rank).toBe("adapter_config.json: r");
    expect(plan.metrics).toHaveLength(26);
    expect(plan.framework).toBe("transformers");
  });

  it("reports two files that disagree on a field, naming the other file", () => {
    const a = parseImportFile("adapter_config.json", fixture("adapter_config.json"));
    const b = parseImportFile("other/adapter_config.json", fixture("adapter_config.json").replace('"r": 16', '"r": 64'));
    const { conflicts } = mergeImports([a, b]);
    expect(conflicts).toEqual([{ index: 1, message: "rank is 64 here but 16 in adapter_config.json" }]);
  });

  it("turns a model config.json into a catalog model named by the adapter's base model when the config does not name itself", () => {
    const config = JSON.parse(fixture("config.json")) as Record<string, unknown>;
    delete config._name_or_path;
    const adapter = JSON.stringify({ peft_type: "LORA", r: 8, base_model_name_or_path: "HuggingFaceTB/SmolLM2-360M" });
    const { plan } = mergeImports([parseImportFile("config.json", JSON.stringify(config)), parseImportFile("adapter_config.json", adapter)]);
    expect(plan.model).toMatchObject({ id: "smollm2-360m", hfId: "HuggingFaceTB/SmolLM2-360M", numLayers: 32 });
    expect(plan.model!.totalParams).toBeGreaterThan(3.5e8);
    expect(plan.model!.totalParams).toBeLessThan(3.7e8);
  });
});
