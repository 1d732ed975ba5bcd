// All seeded sources, in the order of their raw files (000, 001, 002).
import type { SourceSeed } from "../types";
import { loraVsQloraVsFull } from "./lora-vs-qlora-vs-full";
import { qloraVsFullVramTradeoff } from "./qlora-vs-full-vram-tradeoff";
import { exploringLoraQloraFull } from "./exploring-lora-qlora-full";

export const sources: SourceSeed[] = [loraVsQloraVsFull, qloraVsFullVramTradeoff, exploringLoraQloraFull];

export { loraVsQloraVsFull, qloraVsFullVramTradeoff, exploringLoraQloraFull };
