"use client";
import { type MouseEvent, useEffect, useRef } from "react";

export type ErrorSummaryItem = { fieldId: string; label: string; message: string };
export type ErrorSummaryProps = {
  items: ErrorSummaryItem[];
  /** A message for the whole form (a network failure), shown above the field list. */
  formMessage?: string;
  /** Changes on every failed submit, so a second failure with the same errors takes focus again. */
  attempt: number;
};

/**
 * The error summary at the top of a form (the GOV.UK pattern): after a failed submit it takes focus and scrolls
 * into view, so a screen reader announces it and a phone user sees it; each error links to its field.
 */
export function ErrorSummary({ items, formMessage, attempt }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt === 0 || !ref.current) return;
    ref.current.focus();
    ref.current.scrollIntoView({ block: "start" });
  }, [attempt]);

  if (!items.length && !formMessage) return null;

  // The link's hash alone would scroll the input under the sticky header and not focus a select on every browser.
  const onJump = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  };

  const title = items.length ? `There ${items.length === 1 ? "is a problem with 1 field" : `are problems with ${items.length} fields`}` : "Saving failed";
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-testid="form-errors">
      <h2 id="error-summary-title">{title}</h2>
      {formMessage ? <p>{formMessage}</p> : null}
      {items.length ? (
        <ul>
          {items.map((item) => (
            <li key={item.fieldId}>
              <a href={`#${item.fieldId}`} onClick={(event) => onJump(event, item.fieldId)}>{item.label}: {item.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
