import "server-only";
import { notFound } from "@/lib/api/errors";
import { claimDisagreements } from "@/lib/claims";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/server/db/client";

export async function listSources() {
  const sources = await prisma.source.findMany({
    orderBy: { id: "asc" },
    include: { tables: { select: { id: true, title: true, rowCount: true, colCount: true }, orderBy: { position: "asc" } }, _count: { select: { runs: true } } },
  });
  return sources.map(({ _count, ...source }) => ({ ...source, createdAt: source.createdAt.toISOString(), runCount: _count.runs }));
}

/** A source with every table as printed: rows of cells (row 0 = header), each cell with the runs read from it. */
export async function getSourceOrThrow(id: string) {
  const source = await prisma.source.findUnique({
    where: { id },
    include: {
      tables: {
        orderBy: { position: "asc" },
        include: { cells: { orderBy: [{ row: "asc" }, { col: "asc" }], include: { runLinks: { select: { runId: true, field: true, run: { select: { isEstimate: true } } } } } } },
      },
      _count: { select: { runs: true } },
    },
  });
  if (!source) throw notFound("Source", id);
  const { _count, tables, ...rest } = source;
  const estimateCount = await prisma.run.count({ where: { sourceId: id, isEstimate: true, deletedAt: null } });
  return {
    ...rest,
    createdAt: rest.createdAt.toISOString(),
    runCount: _count.runs,
    estimateCount,
    tables: tables.map(({ cells, ...table }) => {
      // isEstimate: a run read from the cell is a published estimate, which the page flags.
      const rows: { id: string; text: string; runIds: string[]; isEstimate: boolean }[][] = Array.from({ length: table.rowCount + 1 }, () => []);
      for (const cell of cells) {
        const runIds = [...new Set(cell.runLinks.map((link) => link.runId))];
        rows[cell.row]![cell.col] = { id: cell.id, text: cell.text, runIds, isEstimate: cell.runLinks.some((link) => link.run.isEstimate) };
      }
      return { ...table, cellCount: cells.length, rows };
    }),
  };
}

const claimInclude = {
  evidence: {
    include: {
      source: { select: { id: true, title: true, author: true, publisher: true } },
      cell: { select: { id: true, tableId: true, rowLabel: true, columnLabel: true } },
    },
    orderBy: [{ sourceId: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.ClaimInclude;

type ClaimRow = Prisma.ClaimGetPayload<{ include: typeof claimInclude }>;

/**
 * A claim with its evidence and the verdict: `disagrees`, and in `disagreements` each rule of findDisagreements
 * that fired (at most one entry per rule) with the two pieces of evidence that made it fire and the reason in
 * words ("16 GB (Flash Attention Team) vs 24–32 GB (AI World): no overlap"). Empty when the sources agree.
 */
function serializeClaim(claim: ClaimRow) {
  const disagreements = claimDisagreements(claim.evidence, claim.unit);
  return {
    ...claim,
    sourceCount: new Set(claim.evidence.map((e) => e.sourceId)).size,
    disagrees: disagreements.length > 0,
    disagreements,
  };
}

/** Every claim with each source's answer; `disagreeing` keeps only those on which sources contradict each other. */
export async function listClaims(options: { disagreeing?: boolean } = {}) {
  const claims = await prisma.claim.findMany({ include: claimInclude, orderBy: { id: "asc" } });
  const serialized = claims.map(serializeClaim);
  return options.disagreeing ? serialized.filter((c) => c.disagrees) : serialized;
}

export async function getClaimOrThrow(id: string) {
  const claim = await prisma.claim.findUnique({ where: { id }, include: claimInclude });
  if (!claim) throw notFound("Claim", id);
  return serializeClaim(claim);
}
