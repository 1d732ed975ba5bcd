import Link from "next/link";
import type { SourceDetail } from "@/lib/schemas/source";
import { tableAnchor } from "./claim-readings";

type Table = SourceDetail["tables"][number];
type Cell = NonNullable<Table["rows"][number][number]>;

export type SourceTableProps = { table: Table; sourceId: string };

/** What a linked cell's tooltip says: where the cell sits, since the API gives the runs read from it. */
function linkTitle(cell: Cell, rowLabel: string, columnLabel: string): string {
  const runs = cell.runIds.length === 1 ? "a reference run" : `${cell.runIds.length} reference runs`;
  return `Value of ${runs}: “${columnLabel}” for “${rowLabel}” in this table`;
}

/** A cell's content: its verbatim text, as a link to the run read from it when there is one. */
function CellContent({ cell, rowLabel, columnLabel, sourceId }: { cell: Cell; rowLabel: string; columnLabel: string; sourceId: string }) {
  const [first] = cell.runIds;
  if (!first) return <>{cell.text}</>;
  const more = cell.runIds.length - 1;
  return (
    <>
      <Link href={`/runs/${encodeURIComponent(first)}`} title={linkTitle(cell, rowLabel, columnLabel)}>
        {cell.text}
      </Link>

      {more > 0 ? (
        <>
          {" "}
          <Link href={`/runs?source=${encodeURIComponent(sourceId)}`} className="more-runs small" aria-label={`${more} more ${more === 1 ? "run" : "runs"} from this source`}>
            +{more}
          </Link>
        </>
      ) : null}
    </>
  );
}

/**
 * One table as the article prints it: the heading it sits under, the header row, every body cell verbatim
 * and the caption printed under it. Column 0 labels its row, so it is the row header.
 */
export function SourceTable({ table, sourceId }: SourceTableProps) {
  const [header = [], ...body] = table.rows;
  const headingId = `${tableAnchor(table.id)}-title`;
  const columnLabel = (col: number) => header[col]?.text ?? "";
  return (
    <section id={tableAnchor(table.id)} className="source-table-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{table.title}</h2>
      <div className="data-table-wrap">
        <table className="data-table source-table" aria-labelledby={headingId}>
          {table.caption ? <caption>{table.caption}</caption> : null}
          <thead>
            <tr>
              {header.map((cell) => (
                <th key={cell.id} scope="col">
                  {cell.text}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row, r) => {
              const rowLabel = row[0]?.text ?? "";
              // A row read as a published estimate says so once, beside its label.
              const isEstimate = row.some((cell) => cell.isEstimate);
              return (
                <tr key={row[0]?.id ?? r}>
                  {row.map((cell, col) => {
                    const className = cell.runIds.length ? "linked" : undefined;
                    const content = <CellContent cell={cell} rowLabel={rowLabel} columnLabel={columnLabel(col)} sourceId={sourceId} />;
                    return col === 0 ? (
                      <th key={cell.id} scope="row" className={className}>
                        {content}
                        {isEstimate ? (
                          <>
                            {" "}
                            <span className="badge badge-estimate" title="Published as an estimate, not a measurement: never used to calibrate">estimate</span>
                          </>
                        ) : null}
                      </th>
                    ) : (
                      <td key={cell.id} className={className}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small table-meta">
        {table.cellCount} cells
      </p>
    </section>
  );
}
