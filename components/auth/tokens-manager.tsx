"use client";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useCreateToken, useRevokeToken, useTokens } from "@/lib/hooks/use-tokens";
import { useMe } from "@/lib/hooks/use-users";
import type { ApiTokenInfo } from "@/lib/schemas/auth";
import { errorMessage } from "./field-errors";

function formatDate(value: string | null): string {
  return value ? new Date(value).toLocaleString() : "—";
}


/** Create, list and revoke your own API tokens; a new token's secret is shown once. */
export function TokensManager() {
  const me = useMe();
  const user = me.data?.user ?? null;
  const tokens = useTokens(user !== null);
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);

  if (me.isPending) return <p>Loading…</p>;
  if (me.isError) return <p role="alert" className="error-banner">{errorMessage(me.error)}</p>;
  if (!me.data.user) {
    return (
      <p className="notice">
        You are signed out. <Link href="/sign-in?next=/settings/tokens">Sign in</Link> to create and manage API tokens.
      </p>
    );
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNameError(null);
    setCopied(false);
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("required");
      return;
    }
    try {
      const created = await create.mutateAsync(trimmed);
      setSecret({ name: created.info.name, token: created.token });
      setName("");
    } catch (error) {
      if (error instanceof ApiClientError && error.issues.length) setNameError(error.issues.map((issue) => issue.message).join("; "));
      else setNameError(errorMessage(error));
    }
  }

  async function onCopy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function onRevoke(token: ApiTokenInfo) {
    if (!window.confirm(`Revoke the token "${token.name}"? Anything using it will stop working.`)) return;
    revoke.mutate(token.id);
  }

  return (
    <div className="stack">
      {user?.role === "viewer" ? (
        <p className="notice" data-testid="viewer-token-note">A token acts with your role: as a viewer, yours read (scripts, notebooks) and cannot write.</p>
      ) : null}
      <form onSubmit={(event) => void onCreate(event)} aria-label="Create a token" className="stack">
        <label>
          Token name
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. training cluster"
            maxLength={100}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "token-name-error" : undefined}
          />
        </label>
        {nameError ? <span id="token-name-error" className="field-error" role="status">{nameError}</span> : null}
        <button type="submit" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create token"}</button>
      </form>

      {secret ? (
        <div className="notice token-secret" role="region" aria-label="New token" data-testid="new-token" style={{ borderColor: "var(--accent)", background: "color-mix(in srgb, var(--accent) 10%, transparent)" }}>
          <p>
            <strong>New token “{secret.name}”.</strong> Copy it now: it is stored hashed and cannot be shown again.
          </p>
          <p>
            <code data-testid="new-token-value" style={{ wordBreak: "break-all" }}>{secret.token}</code>
          </p>
          <button type="button" onClick={() => void onCopy(secret.token)}>{copied ? "Copied" : "Copy"}</button>{" "}
          <button type="button" onClick={() => setSecret(null)}>Done</button>
        </div>
      ) : null}

      {revoke.isError ? <p role="alert" className="error-banner">{errorMessage(revoke.error)}</p> : null}

      <h2>Your tokens</h2>
      {tokens.isPending ? (
        <p>Loading…</p>
      ) : tokens.isError ? (
        <p role="alert" className="error-banner">{errorMessage(tokens.error)}</p>
      ) : tokens.data.items.length === 0 ? (
        <p className="notice">No tokens yet.</p>
      ) : (
        <div className="data-table-wrap">
          <table className="data-table" aria-label="API tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td><code>{token.prefix}…</code></td>
                  <td>{formatDate(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : "never"}</td>
                  <td>{token.revokedAt ? `Revoked ${formatDate(token.revokedAt)}` : "Active"}</td>
                  <td>
                    {token.revokedAt ? null : (
                      <button type="button" onClick={() => onRevoke(token)} disabled={revoke.isPending && revoke.variables === token.id} aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
