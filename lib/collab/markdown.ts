// Comment Markdown → HTML, safe to put in the page as it is. markdown-it with html: false escapes every raw tag
// (a stored <script> comes out as text); links keep only http(s), mailto and relative targets, so a
// javascript: or data: link renders as plain text. Pure: the same function runs on the server and in tests.
import MarkdownIt, { type StateInline } from "markdown-it";

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/** True for http(s), mailto and scheme-less (relative) URLs; everything else (javascript:, data:, vbscript:…) is refused. */
export function isSafeLink(url: string): boolean {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url);
  return scheme ? ALLOWED_SCHEMES.has(scheme[1]!.toLowerCase()) : true;
}

/** Usernames are letters, digits and . _ -; a mention ends where they stop (a trailing full stop is punctuation). */
const MENTION = /^@([A-Za-z0-9_][A-Za-z0-9_.-]{0,39})/;

/** Every @username in a Markdown body, in order of first appearance, without the @. */
export function findMentionCandidates(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(/(^|[^A-Za-z0-9_@/.])@([A-Za-z0-9_][A-Za-z0-9_.-]{0,39})/g)) names.add(match[2]!.replace(/\.+$/, ""));
  return [...names];
}

type Env = { mentions?: ReadonlySet<string> };

/** Inline rule: @username becomes a link to that person's activity, but only for usernames in env.mentions. */
function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const previous = state.pos > 0 ? state.src[state.pos - 1]! : " ";
  if (/[A-Za-z0-9_@/.]/.test(previous)) return false;
  const match = MENTION.exec(state.src.slice(state.pos));
  if (!match) return false;
  const username = match[1]!.replace(/\.+$/, "");
  const known = (state.env as Env).mentions;
  if (!known?.has(username)) return false;
  if (!silent) {
    const open = state.push("link_open", "a", 1);
    open.attrs = [["href", `/activity?user=${encodeURIComponent(username)}`], ["class", "mention"]];
    open.markup = "mention";
    const text = state.push("text", "", 0);
    text.content = `@${username}`;
    state.push("link_close", "a", -1).markup = "mention";
  }
  state.pos += username.length + 1;
  return true;
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: false, breaks: true });
  md.disable("image");
  md.validateLink = isSafeLink;
  md.inline.ruler.before("emphasis", "mention", mentionRule);
  const renderLinkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    if (token.markup !== "mention") token.attrSet("rel", "nofollow ugc noopener noreferrer");
    return renderLinkOpen(tokens, index, options, env, self);
  };
  return md;
}

const renderer = createRenderer();

/** Renders a comment; @names in `mentions` become links, every other @name stays text. */
export function renderCommentMarkdown(body: string, mentions: readonly string[] = []): string {
  return renderer.render(body, { mentions: new Set(mentions) } satisfies Env);
}
