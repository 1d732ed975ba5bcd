import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

// Every unknown path and every notFound() (a run, source or claim id that does not exist) renders this inside the
// root layout, so the header stays; Next answers it with status 404.
export default function NotFound() {
  return (
    <section className="stack not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p className="muted">
        Nothing lives at this address: the link may be mistyped, or the run it pointed to was deleted (an admin can restore
        deleted runs).
      </p>
      <div className="row">
        <Link className="button button-primary" href="/runs">Browse the runs</Link>
        <Link className="button" href="/">Home</Link>
      </div>
    </section>
  );
}
