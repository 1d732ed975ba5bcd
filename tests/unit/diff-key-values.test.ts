import { describe, expect, it } from "vitest";
import { diffKeyValueFields } from "@/lib/compare/diff";

describe("diffKeyValueFields", () => {
  it("lists only the keys whose values differ, sorted, with each run's value in order", () => {
    const fields = diffKeyValueFields(
      [
        { learning_rate: "0.0002", seed: "42", optim: "adamw_torch" },
        { learning_rate: "0.0001", seed: "42", optim: "adamw_torch" },
      ],
      "params",
    );
    expect(fields).toEqual([{ field: "param:learning_rate", label: "learning_rate", group: "params", values: ["0.0002", "0.0001"], differs: true }]);
  });

  it("counts a key one run lacks as a difference, with null for that run", () => {
    expect(diffKeyValueFields([{ lora_r: "16" }, {}, { lora_r: "16" }], "params")).toEqual([
      { field: "param:lora_r", label: "lora_r", group: "params", values: ["16", null, "16"], differs: true },
    ]);
  });

  it("compares values as the exact strings sent, so 2e-4 and 0.0002 differ", () => {
    expect(diffKeyValueFields([{ lr: "2e-4" }, { lr: "0.0002" }], "params").map((f) => f.label)).toEqual(["lr"]);
  });

  it("leaves out Tuneboard's own mapping tag but compares every client tag", () => {
    const fields = diffKeyValueFields([{ "tuneboard.mapping": "{}", "mlflow.user": "alice" }, { "tuneboard.mapping": '{"a":1}', "mlflow.user": "bob" }], "tags");
    expect(fields.map((f) => [f.field, f.values])).toEqual([["tag:mlflow.user", ["alice", "bob"]]]);
  });
});
