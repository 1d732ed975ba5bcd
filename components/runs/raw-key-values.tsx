"use client";
import { useId, useMemo, useState } from "react";

export type RawKeyValuesProps = {
  title: string;
  /** Keys and values exactly as the client sent them. */
  values: Record<string, string>;
  testId: string;
};

/** Past this many rows a filter box appears: Hugging Face's Trainer alone logs about 200 params. */
const FILTER_FROM = 15;

/** A table of raw keys and values (MLflow params or tags), verbatim, filterable by key or value when long; keys in
 * natural order (layer_2 before layer_10). */
export function RawKeyValues({ title, values, testId }: RawKeyValuesProps) {
  const headingId = useId();
  const [filter, setFilter] = useState("");
  const entries = useMemo(() => Object.entries(values).sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })), [values]);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? entries.filter(([key, value]) => key.toLowerCase().includes(needle) || value.toLowerCase().includes(needle)) : entries;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id={headingId}>{title} <span className="muted small">({entries.length})</span></h2>
        {entries.length > FILTER_FROM ? (
          <label className="inline-control">
            <span className="small muted">Filter </span>
            <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="key or value" aria-label={`Filter ${title.toLowerCase()}`} />
          </label>
        ) : null}
      </div>
      <div className="data-table-wrap raw-key-values">
        <table className="data-table" data-testid={testId}>
          <thead><tr><th scope="col">Key</th><th scope="col">Value (verbatim)</th></tr></thead>
          <tbody>
            {shown.map(([key, value]) => (
              <tr key={key}>
                <td><code>{key}</code></td>
                <td><code className="verbatim-value">{value}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {needle && shown.length === 0 ? <p className="muted small">Nothing matches “{filter}”.</p> : null}
    </section>
  );
}
