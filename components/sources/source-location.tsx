export type SourceLocationProps = {
  source: { url: string | null; repository: string | null; path: string | null; commit: string | null };
};

/** Short commit as git prints it; the full hash stays in the title and the link. */
const shortCommit = (commit: string) => (/^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 12) : commit);

/**
 * Where the original is: the repository, the file's path, the commit it was read at and a link that opens the
 * original (in a new tab, without giving it a handle on this page). Nothing when the source states none of them.
 */
export function SourceLocation({ source }: SourceLocationProps) {
  const { url, repository, path, commit } = source;
  if (!url && !repository && !path && !commit) return null;
  return (
    <dl className="source-location" data-testid="source-location">
      {repository ? (
        <>
          <dt>Repository</dt>
          <dd>{repository}</dd>
        </>
      ) : null}
      {path ? (
        <>
          <dt>File</dt>
          <dd><code>{path}</code></dd>
        </>
      ) : null}
      {commit ? (
        <>
          <dt>Commit</dt>
          <dd><code title={commit}>{shortCommit(commit)}</code></dd>
        </>
      ) : null}
      {url ? (
        <>
          <dt>Original</dt>
          <dd>
            <a href={url} target="_blank" rel="noopener noreferrer">Open the original ↗</a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
