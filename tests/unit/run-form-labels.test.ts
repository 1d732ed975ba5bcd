import { describe, expect, it } from "vitest";
import { labelFor, withFormLabels } from "@/components/runs/run-form-fields";
import { runCreateSchema } from "@/lib/schemas/run";

function messagesFor(body: Record<string, unknown>): Record<string, string> {
  const checked = runCreateSchema.safeParse({ method: "lora", model: "llama-2-7b", ...body });
  if (checked.success) throw new Error("expected the schema to refuse this body");
  return Object.fromEntries(checked.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe("run form messages in the form's own words", () => {
  it("names both peak-memory fields by their labels when a point and a range are given", () => {
    const api = messagesFor({ peakMemoryGb: 20, peakMemoryGbMin: 10, peakMemoryGbMax: 12 }).peakMemoryGb!;
    expect(api).toContain("peakMemoryGb"); // the API keeps its field names
    const shown = withFormLabels(api);
    expect(shown).toBe("give either a measured “Peak memory (GB)” or a range (“Peak memory from/to (GB)”), not both");
  });

  it("reads peakMemoryGbMin as its own field, not as peakMemoryGb followed by Min", () => {
    const shown = withFormLabels(messagesFor({ peakMemoryGbMax: 12 }).peakMemoryGbMin!);
    // Since issue 11 an upper bound alone is allowed with peakMemoryMeasure fits-in, and the message says so.
    expect(shown).toBe("a range needs its lower bound “Peak memory from (GB)” (or “Peak memory measured” fits-in for an upper bound alone)");
  });

  it("translates gpuCount in the sharding message and leaves plain lower-case words alone", () => {
    expect(withFormLabels(messagesFor({ sharding: "zero3", gpuCount: 1 }).sharding!)).toBe("sharding spreads state across GPUs: it needs “GPU count” of 2 or more");
    expect(withFormLabels("double quantization applies only to QLoRA runs")).toBe("double quantization applies only to QLoRA runs");
  });

  it("gives the form's label for a field and the name itself for one the form lacks", () => {
    expect(labelFor("loraAlpha")).toBe("Alpha");
    expect(labelFor("form")).toBe("form");
  });
});
