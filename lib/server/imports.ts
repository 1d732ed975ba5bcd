import "server-only";
// POST /api/import's writer: parse and merge the files (pure, lib/ingest/imports), check the run they describe
// exactly as a create or an edit would, then write: the model a config.json adds, the run, its raw parameters, and
// its metric history in slices of IMPORT_METRIC_SLICE points with a turn of the event loop between them (100,000
// log entries are ~500,000 points, seconds of writing that must not stall other requests). A new run is all or
// nothing: if anything after its creation fails, it is deleted again.
import { ApiError, type FieldIssue, invalidFields, issuePath } from "@/lib/api/errors";
import { type ImportedFields, ImportFileError, type ImportPlan, mergeImports, parseImportFile, type ParsedImport } from "@/lib/ingest/imports";
import { IMPORT_METRIC_SLICE, type ImportRequest, type ImportResult } from "@/lib/schemas/import";
import { modelCreateSchema } from "@/lib/schemas/catalog-input";
import { type RunCreate, runCreateSchema, runPatchSchema } from "@/lib/schemas/run";
import { createModel } from "@/lib/server/catalog";
import { upsertMetricPoints, yieldToEventLoop } from "@/lib/server/db/bulk-write";
import { prisma } from "@/lib/server/db/client";
import { getRunOrThrow } from "@/lib/server/runs/read-runs";
import { createRuns, findCatalogModel, updateRun } from "@/lib/server/runs/write-runs";

export type ImportOptions = { actorId?: string | null; onProgress?: (written: number, total: number) => void };

function parseFiles(files: ImportRequest["files"]): ParsedImport[] {
  const issues: FieldIssue[] = [];
  const parsed: ParsedImport[] = [];
  for (const [index, file] of files.entries()) {
    try {
      parsed.push(parseImportFile(file.filename, file.content));
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      issues.push({ path: `files.${index}.content`, message: error.message });
    }
  }
  if (issues.length) throw invalidFields(issues);
  return parsed;
}

function metricSummary(plan: ImportPlan): ImportResult["metrics"] {
  const keys = new Map<string, { key: string; points: number; firstStep: number; lastStep: number }>();
  for (const { key, step } of plan.metrics) {
    const entry = keys.get(key);
    if (!entry) keys.set(key, { key, points: 1, firstStep: step, lastStep: step });
    else {
      entry.points++;
      entry.firstStep = Math.min(entry.firstStep, step);
      entry.lastStep = Math.max(entry.lastStep, step);
    }
  }
  return { points: plan.metrics.length, keys: [...keys.values()] };
}

/** The run fields to write: the merged files, the request's own choices, and the model's count when it is new. */
function runFieldsOf(plan: ImportPlan, request: ImportRequest): ImportedFields & Partial<RunCreate> {
  const fields: ImportedFields & Partial<RunCreate> = { ...plan.fields };
  if (request.model) fields.model = request.model;
  if (plan.framework) fields.framework = plan.framework;
  if (plan.model && fields.modelParams === undefined && (fields.model === plan.model.hfId || fields.model === plan.model.id)) fields.modelParams = plan.model.totalParams;
  return fields;
}

const prefixed = (issues: readonly { path: PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((issue) => ({ path: `fields.${issuePath(issue.path)}`, message: issue.message }));

/** Parameters are write-once, as MLflow's: importing into a run that holds another value for a key is refused. */
async function paramConflicts(runId: string, params: Record<string, string>): Promise<{ issues: FieldIssue[]; fresh: [string, string][] }> {
  const stored = new Map((await prisma.runParam.findMany({ where: { runId }, select: { key: true, value: true } })).map((row) => [row.key, row.value]));
  const issues: FieldIssue[] = [];
  const fresh: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    const existing = stored.get(key);
    if (existing === undefined) fresh.push([key, value]);
    else if (existing !== value) issues.push({ path: `params.${key}`, message: `the run already has ${key} = ${existing}; parameters are write-once (this file says ${value})` });
  }
  return { issues, fresh };
}

async function writeMetrics(runId: string, plan: ImportPlan, onProgress: ImportOptions["onProgress"]): Promise<void> {
  const total = plan.metrics.length;
  const now = new Date();
  onProgress?.(0, total);
  for (let start = 0; start < total; start += IMPORT_METRIC_SLICE) {
    await yieldToEventLoop();
    if (!(await upsertMetricPoints(runId, plan.metrics.slice(start, start + IMPORT_METRIC_SLICE), now))) throw new ApiError("not_found", `Run '${runId}' was deleted during the import`);
    onProgress?.(Math.min(start + IMPORT_METRIC_SLICE, total), total);
  }
}

/** An import parsed and checked, ready to write: what checkImport found, so writeImport does not parse it again. */
export type CheckedImport = {
  request: ImportRequest;
  result: ImportResult;
  files: ParsedImport[];
  plan: ImportPlan;
  fields: ReturnType<typeof runFieldsOf>;
  fresh: [string, string][];
  modelStatus: "added" | "exists" | null;
  onlyModel: boolean;
};

/** Parses, checks and (unless dryRun) writes an import. Bad files and bad resulting fields are a 422 naming each problem. */
export async function importFiles(request: ImportRequest, options: ImportOptions = {}): Promise<ImportResult> {
  const checked = await checkImport(request);
  return request.dryRun ? checked.result : writeImport(checked, options);
}

/** Parses the files and checks what they would set, writing nothing; a 422 names each problem. */
export async function checkImport(request: ImportRequest): Promise<CheckedImport> {
  const files = parseFiles(request.files);
  const { plan, conflicts } = mergeImports(files);
  if (conflicts.length) throw invalidFields(conflicts.map(({ index, message }) => ({ path: `files.${index}.content`, message: `${request.files[index]!.filename}: ${message}` })));
  const fields = runFieldsOf(plan, request);
  const warnings = [...plan.warnings];

  let modelStatus: "added" | "exists" | null = null;
  if (plan.model) {
    const catalogued = await prisma.model.findFirst({ where: { OR: [{ id: plan.model.id }, ...(plan.model.hfId ? [{ hfId: plan.model.hfId }] : [])] }, select: { id: true } });
    modelStatus = catalogued ? "exists" : "added";
    if (catalogued) warnings.push(`the model ${plan.model.hfId ?? plan.model.id} is already in the catalog as ${catalogued.id}; it is not added again`);
  }

  const onlyModel = files.every((file) => file.kind === "model_config") && !request.runId;
  const issues: FieldIssue[] = [];
  let fresh: [string, string][] = Object.entries(plan.params);
  const tags = plan.tags;
  if (request.runId) {
    const run = await getRunOrThrow(request.runId);
    const patch = { ...fields, ...(tags.length ? { tags: [...new Set([...run.tags, ...tags])] } : {}) };
    if (Object.keys(patch).length) {
      const checked = runPatchSchema.safeParse(patch);
      if (!checked.success) issues.push(...prefixed(checked.error.issues));
    }
    const params = await paramConflicts(run.id, plan.params);
    issues.push(...params.issues);
    fresh = params.fresh;
  } else if (!onlyModel) {
    if (!fields.method) issues.push({ path: "fields.method", message: "no file says the method (LoRA, QLoRA or full): add adapter_config.json or the recipe YAML, or import into an existing run (runId)" });
    if (!fields.model) issues.push({ path: "fields.model", message: "no file names the base model: send model, add adapter_config.json or the model's config.json, or import into an existing run (runId)" });
    if (!issues.length) {
      const checked = runCreateSchema.safeParse({ ...fields, name: request.name, experimentId: request.experimentId, tags: tags.length ? tags : undefined });
      if (!checked.success) issues.push(...prefixed(checked.error.issues));
      else if (modelStatus !== "added" && checked.data.modelParams == null && !findCatalogModel(await prisma.model.findMany({ select: { id: true, hfId: true, name: true } }), checked.data.model)) {
        issues.push({ path: "fields.modelParams", message: `'${checked.data.model}' is not in the model catalog: add its config.json to the import so it is catalogued` });
      }
    }
  }
  if (issues.length) throw invalidFields(issues);

  const result: ImportResult = {
    dryRun: request.dryRun,
    runId: request.runId ?? null,
    created: !request.runId && !onlyModel,
    files: files.map((file) => ({
      filename: file.filename,
      kind: file.kind,
      framework: file.framework,
      fieldsSet: Object.keys(file.fields),
      paramCount: Object.keys(file.params).length,
      metricPoints: file.metrics?.length ?? 0,
      warnings: file.warnings,
    })),
    fields,
    from: plan.from as Record<string, string>,
    params: plan.params,
    tags,
    metrics: metricSummary(plan),
    model: plan.model && modelStatus ? { id: plan.model.id, hfId: plan.model.hfId, name: plan.model.name, totalParams: plan.model.totalParams, status: modelStatus } : null,
    warnings,
  };
  return { request, result, files, plan, fields, fresh, modelStatus, onlyModel };
}

/** Writes an import checkImport accepted: the model, then the run (created or updated), its params and its points. */
export async function writeImport(checked: CheckedImport, options: ImportOptions = {}): Promise<ImportResult> {
  const { request, result, files, plan, fields, fresh, modelStatus, onlyModel } = checked;
  const tags = plan.tags;
  if (plan.model && modelStatus === "added") {
    const configFile = files.find((file) => file.modelConfig)!;
    await createModel(modelCreateSchema.parse({ config: configFile.modelConfig, id: plan.model.id, hfId: plan.model.hfId ?? undefined }));
  }
  if (onlyModel) return result;

  if (request.runId) {
    const runId = request.runId;
    const patch = runPatchSchema.parse({ ...fields, ...(tags.length ? { tags: [...new Set([...(await getRunOrThrow(runId)).tags, ...tags])] } : {}) });
    if (Object.keys(patch).length) await updateRun(runId, patch, { actorId: options.actorId });
    if (fresh.length) await prisma.runParam.createMany({ data: fresh.map(([key, value]) => ({ runId, key, value })) });
    await writeMetrics(runId, plan, options.onProgress);
    return result;
  }
  const input = runCreateSchema.parse({ ...fields, name: request.name, experimentId: request.experimentId, tags: tags.length ? tags : undefined });
  const [created] = await createRuns([input], { createdById: options.actorId ?? undefined, issuePrefix: () => "fields." });
  const runId = created!.run.id;
  try {
    if (fresh.length) await prisma.runParam.createMany({ data: fresh.map(([key, value]) => ({ runId, key, value })) });
    await writeMetrics(runId, plan, options.onProgress);
  } catch (error) {
    // All or nothing for a new run: its params and points go with it (cascade).
    await prisma.run.delete({ where: { id: runId } }).catch(() => undefined);
    throw error;
  }
  return { ...result, runId };
}
