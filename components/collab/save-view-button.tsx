"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { RequiresWrite } from "@/components/auth/requires-write";
import { useCreateView } from "@/lib/hooks/use-collab";
import { VIEW_PATHS } from "@/lib/schemas/collab";

/** Saves the page's current URL state under a name and shows a link to share (/views/{id}). */
export function SaveViewButton() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const create = useCreateView();
  const [name, setName] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const path = VIEW_PATHS.find((candidate) => candidate === pathname);
  if (!path) return null;

  if (link) {
    return (
      <div className="row small">
        <label>
          Link to this view
          <input readOnly value={link} onFocus={(event) => event.target.select()} size={40} />
        </label>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(link)}>Copy</button>
        <button type="button" onClick={() => setLink(null)}>Done</button>
      </div>
    );
  }
  if (name === null) {
    return (
      <RequiresWrite action="save this view">
        <button type="button" onClick={() => setName("")}>Save view</button>
      </RequiresWrite>
    );
  }
  return (
    <form
      className="row small"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name, path, query: searchParams.toString() }, {
          onSuccess: (view) => { setName(null); setLink(`${window.location.origin}/views/${view.id}`); },
        });
      }}
    >
      <label>
        View name
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      </label>
      <button type="submit" className="button-primary" disabled={create.isPending || !name.trim()}>Save</button>
      <button type="button" onClick={() => setName(null)}>Cancel</button>
      {create.isError ? <span className="error-banner" role="alert">{create.error.message}</span> : null}
    </form>
  );
}
