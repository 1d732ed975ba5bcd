import { describe, expect, it } from "vitest";
import { matchHardware, type NamedHardware } from "@/lib/catalog/hardware-names";
import { hardware } from "../../seed/catalog/hardware";

describe("matchHardware against the seeded catalog", () => {
  // What torch.cuda.get_device_name() returns on each card, and the catalog id it must resolve to.
  it.each([
    ["NVIDIA GeForce RTX 4090", "rtx-4090"],
    ["NVIDIA A100-SXM4-80GB", "a100-80gb"],
    ["NVIDIA A100-SXM4-40GB", "a100-40gb"],
    ["NVIDIA A100-PCIE-40GB", "a100-40gb"],
    ["NVIDIA A100 80GB PCIe", "a100-80gb"],
    ["NVIDIA H100 80GB HBM3", "h100-80gb"],
    ["NVIDIA H100 PCIe", "h100-pcie"],
    ["NVIDIA H200", "h200"],
    ["NVIDIA B200", "b200"],
    ["Tesla V100-SXM2-16GB", "v100-16gb"],
    ["Tesla V100-SXM2-32GB", "v100-32gb"],
    ["Tesla V100-PCIE-32GB", "v100-32gb"],
    ["NVIDIA L4", "l4"],
    ["NVIDIA L40S", "l40s"],
    ["NVIDIA A40", "a40"],
    ["NVIDIA A10G", "a10g"],
    ["Tesla T4", "t4"],
    ["NVIDIA RTX A6000", "a6000"],
    ["NVIDIA GeForce RTX 3090", "rtx-3090"],
    ["NVIDIA GeForce RTX 3090 Ti", "rtx-3090-ti"],
    ["NVIDIA GeForce RTX 4070 Ti", "rtx-4070-ti"],
    ["NVIDIA GeForce RTX 4080", "rtx-4080"],
    ["NVIDIA GeForce RTX 5090", "rtx-5090"],
  ])("%s → %s", (name, id) => {
    expect(matchHardware(name, hardware)).toBe(id);
  });

  it.each([
    ["a100-80gb", "a100-80gb"],
    ["A100", "a100-80gb"],
    ["rtx 4090", "rtx-4090"],
    ["GeForce RTX 4090", "rtx-4090"],
    ["NVIDIA H100 SXM5 80GB", "h100-80gb"],
  ])("finds the catalog id, display name or alias %s → %s", (name, id) => {
    expect(matchHardware(name, hardware)).toBe(id);
  });

  it.each([
    "NVIDIA GeForce RTX 4090 Laptop GPU",
    "NVIDIA GeForce RTX 4080 SUPER",
    "NVIDIA H100 NVL",
    "NVIDIA RTX 6000 Ada Generation",
    "NVIDIA A10",
    "NVIDIA GeForce RTX 4070",
    "AMD Instinct MI300X",
    "",
    "NVIDIA",
  ])("finds nothing for a card the catalog does not hold: %j", (name) => {
    expect(matchHardware(name, hardware)).toBeNull();
  });

  it("never takes a 40 GB card for the 80 GB entry, even when only the 80 GB one is catalogued", () => {
    const only80 = hardware.filter((gpu) => gpu.id !== "a100-40gb");
    expect(matchHardware("NVIDIA A100-SXM4-40GB", only80)).toBeNull();
    expect(matchHardware("NVIDIA A100-SXM4-80GB", only80)).toBe("a100-80gb");
  });

  it("refuses a name that fits two entries equally instead of guessing", () => {
    expect(matchHardware("Tesla V100-SXM2", hardware)).toBeNull();
  });

  it("finds an admin-added GPU by the device name torch reports, and keeps it apart from the older card of that number", () => {
    const catalog: NamedHardware[] = [
      ...hardware,
      { id: "rtx-pro-6000", name: "NVIDIA RTX PRO 6000 Blackwell", aliases: ["RTX PRO 6000"], memoryGb: 96 },
    ];
    expect(matchHardware("NVIDIA RTX PRO 6000 Blackwell Server Edition", catalog)).toBe("rtx-pro-6000");
    expect(matchHardware("Quadro RTX 6000", catalog)).toBeNull();
  });
});
