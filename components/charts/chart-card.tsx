"use client";
import { type ReactNode, type RefObject, useMemo, useState } from "react";
import { ChartDataTable, type DataColumn, type DataRow } from "./chart-data-table";
import { ChartLegend, type LegendEntry } from "./chart-legend";
import { type AnyChart, chartToPng, downloadCsv, downloadUrl } from "./download";
import { useChartTheme } from "./use-chart-theme";

export type ChartQueryState = { isPending: boolean; isFetching: boolean; error: Error | null };

export type ChartCardProps = {
  /** Slug for test ids, element ids and download file names, e.g. "quality-memory". */
  id: string;
  title: string;
  description: ReactNode;
  query: ChartQueryState;
  /** Why nothing is drawn (shown instead of the chart), or null when there is something to draw. */
  emptyReason: string | null;
  legend: LegendEntry[];
  columns: DataColumn[];
  /**
   * The rows behind the chart (its data table and CSV), or a function that builds them: a chart of thousands of
   * points passes the function, so that its rows are built when the table is opened or the CSV downloaded, not in
   * the render that first draws the chart.
   */
  rows: DataRow[] | (() => DataRow[]);
  chartRef: RefObject<AnyChart | null>;
  controls?: ReactNode;
  footer?: ReactNode;
  isWide?: boolean;
  height?: number;
  /**
   * Least width the plot needs to stay legible (e.g. a category per 44 px); on a narrower screen the plot scrolls
   * sideways inside the card instead of squeezing its bars and labels together.
   */
  minPlotWidth?: number;
  children: ReactNode;
};

/** The rows themselves, built now when the chart passed a builder. */
const rowsOf = (rows: ChartCardProps["rows"]): DataRow[] => (typeof rows === "function" ? rows() : rows);

/** The frame every chart shares: title, legend, a data view, CSV and PNG downloads, and loading, error and empty states. */
export function ChartCard({ id, title, description, query, emptyReason, legend, columns, rows, chartRef, controls, footer, isWide, height = 360, minPlotWidth, children }: ChartCardProps) {
  const [isDataShown, setDataShown] = useState(false);
  const theme = useChartTheme();
  const canDownload = !query.isPending && !query.error && emptyReason === null;
  const shownRows = useMemo(() => (isDataShown ? rowsOf(rows) : []), [isDataShown, rows]);

  const onDownloadPng = () => {
    const chart = chartRef.current;
    if (chart) downloadUrl(chartToPng(chart, title, legend, theme), `tuneboard-${id}.png`);
  };

  let body: ReactNode;
  if (query.error) body = <div className="error-banner" role="alert">Could not load this chart: {query.error.message}</div>;
  else if (query.isPending) body = <div className="chart-placeholder" style={{ height }} aria-busy="true">Loading…</div>;
  else if (emptyReason !== null) body = <div className="empty-state chart-placeholder" style={{ minHeight: 160 }} data-testid="chart-empty">{emptyReason}</div>;
  else
    body = (
      <>
        <ChartLegend entries={legend} label={`Legend: ${title}`} />
        {minPlotWidth ? (
          // Focusable so a keyboard can scroll it; the hint is only shown while the plot is wider than the card.
          <div className="chart-scroll" tabIndex={0} role="region" aria-label={`${title}: scroll sideways to see all of it`} data-testid={`chart-scroll-${id}`}>
            <div className="chart-box" style={{ height, minWidth: minPlotWidth }} data-fetching={query.isFetching || undefined}>
              {children}
            </div>
          </div>
        ) : (
          <div className="chart-box" style={{ height }} data-fetching={query.isFetching || undefined}>
            {children}
          </div>
        )}
      </>
    );

  return (
    <section className={`card chart-card${isWide ? " chart-card-wide" : ""}`} aria-labelledby={`${id}-title`} data-testid={`chart-${id}`} aria-busy={query.isFetching || undefined}>
      <header className="chart-card-header">
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          <p className="muted small chart-description">{description}</p>
        </div>
        <div className="chart-card-actions">
          <button type="button" aria-expanded={isDataShown} aria-controls={`${id}-data`} onClick={() => setDataShown((shown) => !shown)}>
            {isDataShown ? "Hide data" : "Show data"}
          </button>
          <button type="button" disabled={!canDownload} onClick={() => downloadCsv(`tuneboard-${id}.csv`, columns, rowsOf(rows))}>
            Download CSV
          </button>
          <button type="button" disabled={!canDownload} onClick={onDownloadPng}>
            Download PNG
          </button>
        </div>
      </header>
      {controls ? <div className="chart-controls">{controls}</div> : null}
      {body}
      {footer}
      {isDataShown ? <ChartDataTable id={`${id}-data`} caption={`Data behind “${title}”`} columns={columns} rows={shownRows} /> : null}
    </section>
  );
}
