// Published fine-tuning measurements (and a few estimates) from training frameworks' own benchmark tables,
// seeded as reference runs with their provenance (issue 11). The data is generated once by
// scripts/import-measurements.mts into generated/ (one file per original document); this module is the stable
// import point.
import type { MeasurementSeed, SourceSeed } from "../types";
import { GENERATED_ROW_COUNT, generatedRuns, generatedSources, generatedUnrepresentedRows } from "./generated/index";

/** One Source per original document section: repository, path, commit, and the quoted tables. */
export const measurementSources: SourceSeed[] = generatedSources;

/** One reference run per representable row; estimates carry isEstimate: true and the tag "estimate". */
export const measuredRuns: MeasurementSeed[] = generatedRuns;

/** A published row that is not seeded as a run, with the reason (every input row is a run or listed here). */
export type UnrepresentedRow = { id: string; source: string; quote: string; reason: string };

export const unrepresentedRows: UnrepresentedRow[] = generatedUnrepresentedRows;

/** How many rows the converter read: measuredRuns.length + unrepresentedRows.length equals it. */
export const MEASUREMENT_ROW_COUNT = GENERATED_ROW_COUNT;
