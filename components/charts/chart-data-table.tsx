export type DataColumn = { key: string; label: string; isNumeric?: boolean };
export type DataCell = string | number | null;
export type DataRow = Record<string, DataCell>;

export type ChartDataTableProps = { id: string; caption: string; columns: DataColumn[]; rows: DataRow[] };

/** Exactly the rows a chart plots (and its CSV holds), as an accessible table. */
export function ChartDataTable({ id, caption, columns, rows }: ChartDataTableProps) {
  return (
    <div className="data-table-wrap chart-data" id={id}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.isNumeric ? "num" : undefined}>{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr><td colSpan={columns.length} className="muted">No rows.</td></tr>
          ) : (
            rows.map((row, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column.key} className={column.isNumeric ? "num" : undefined}>{row[column.key] ?? "—"}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
