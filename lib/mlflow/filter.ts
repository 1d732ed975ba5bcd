// MLflow's search grammar, the subset its clients and UI send: clauses joined by AND, each
// `<entity>.<key> <comparator> <value>` (metrics.loss < 1 and params.lr = '1e-4' and tags.`mlflow.runName` LIKE
// 'sft%' and attributes.status = 'FINISHED'), order_by items (`metrics.loss ASC`) and offset page tokens. It follows
// mlflow/utils/search_utils.py (SearchUtils, mlflow/mlflow at 0007c018091c370eac5bea5cc09038f0af736303): entity
// prefixes and their aliases, backticked or double-quoted keys, numeric values for metrics and times, quoted strings
// for params, tags and string attributes, LIKE / ILIKE with % and _, IN for ids, no OR; NULLs sort last.
// Pure: the store loads the runs, this module decides which match and in what order.
import { invalidParameter } from "./errors";
import { escapeRegExp } from "@/lib/escape-regexp";

export const STRING_COMPARATORS = ["=", "!=", "LIKE", "ILIKE"] as const;
export const NUMERIC_COMPARATORS = ["=", "!=", "<", "<=", ">", ">="] as const;
export type Comparator = (typeof NUMERIC_COMPARATORS)[number] | "LIKE" | "ILIKE" | "IN" | "NOT IN";
export type EntityType = "metric" | "parameter" | "tag" | "attribute";

export type Clause =
  | { type: "metric"; key: string; comparator: Comparator; value: number }
  | { type: "attribute"; key: string; comparator: Comparator; value: number | string | string[] }
  | { type: "parameter" | "tag"; key: string; comparator: Comparator; value: string };

/** Which attributes a search knows, by kind of value; aliases map onto their canonical key. */
export type SearchDialect = {
  entities: readonly EntityType[];
  stringAttributes: readonly string[];
  numericAttributes: readonly string[];
  aliases?: Record<string, string>;
};

export const RUN_SEARCH: SearchDialect = {
  entities: ["metric", "parameter", "tag", "attribute"],
  stringAttributes: ["run_id", "run_name", "status", "user_id", "artifact_uri", "lifecycle_stage"],
  numericAttributes: ["start_time", "end_time"],
  aliases: { run_uuid: "run_id", created: "start_time", Created: "start_time" },
};

export const EXPERIMENT_SEARCH: SearchDialect = {
  entities: ["tag", "attribute"],
  stringAttributes: ["name", "experiment_id", "lifecycle_stage"],
  numericAttributes: ["creation_time", "last_update_time"],
};

const ENTITY_PREFIXES: Record<string, EntityType | "dataset"> = {
  metric: "metric", metrics: "metric",
  param: "parameter", params: "parameter", parameter: "parameter", parameters: "parameter",
  tag: "tag", tags: "tag",
  attribute: "attribute", attributes: "attribute", attr: "attribute", run: "attribute",
  dataset: "dataset", datasets: "dataset",
};

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpace() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos += 1;
  }
  get done() {
    return this.pos >= this.text.length;
  }
  match(pattern: RegExp): string | undefined {
    const found = pattern.exec(this.text.slice(this.pos));
    if (!found || found.index !== 0) return undefined;
    this.pos += found[0].length;
    return found[0];
  }
  fail(what: string): never {
    throw invalidParameter(`Invalid search expression '${this.text}': ${what} at position ${this.pos}`);
  }
  /** A quoted run of characters ('...', "..." or `...`); a doubled quote character stands for itself. */
  quoted(): string | undefined {
    const quote = this.text[this.pos];
    if (quote !== "'" && quote !== '"' && quote !== "`") return undefined;
    let value = "";
    let at = this.pos + 1;
    for (;;) {
      if (at >= this.text.length) this.fail(`unterminated ${quote}`);
      const char = this.text[at]!;
      if (char === quote) {
        if (this.text[at + 1] === quote) {
          value += quote;
          at += 2;
          continue;
        }
        break;
      }
      if (char === "\\" && at + 1 < this.text.length && quote !== "`") {
        value += this.text[at + 1];
        at += 2;
        continue;
      }
      value += char;
      at += 1;
    }
    this.pos = at + 1;
    return value;
  }
}

type Identifier = { type: EntityType; key: string };

function readIdentifier(cursor: Cursor, dialect: SearchDialect): Identifier {
  cursor.skipSpace();
  const quotedAlone = cursor.quoted();
  let type: EntityType = "attribute";
  let key: string;
  if (quotedAlone !== undefined) key = quotedAlone;
  else {
    const word = cursor.match(/^[A-Za-z_][A-Za-z0-9_]*/) ?? cursor.fail("expected an identifier such as metrics.loss");
    if (cursor.text[cursor.pos] === ".") {
      cursor.pos += 1;
      const entity = ENTITY_PREFIXES[word.toLowerCase()];
      if (!entity) throw invalidParameter(`Invalid entity type '${word}'. Valid values are ${JSON.stringify(dialect.entities)}`);
      if (entity === "dataset") throw invalidParameter("Searching by dataset is not supported by this server");
      type = entity;
      key = cursor.quoted() ?? cursor.match(/^[^\s=!<>()',]+/) ?? cursor.fail(`expected a key after '${word}.'`);
    } else key = word;
  }
  if (!dialect.entities.includes(type)) throw invalidParameter(`Invalid entity type '${type}'. Valid values are ${JSON.stringify(dialect.entities)}`);
  if (type === "attribute") {
    key = dialect.aliases?.[key] ?? key;
    if (!dialect.stringAttributes.includes(key) && !dialect.numericAttributes.includes(key)) {
      throw invalidParameter(`Invalid attribute key '${key}' specified. Valid keys are ${JSON.stringify([...dialect.stringAttributes, ...dialect.numericAttributes])}`);
    }
  }
  return { type, key };
}

function readComparator(cursor: Cursor): Comparator {
  cursor.skipSpace();
  const symbol = cursor.match(/^(<=|>=|!=|<>|==|=|<|>)/);
  if (symbol) return symbol === "<>" ? "!=" : symbol === "==" ? "=" : (symbol as Comparator);
  const word = cursor.match(/^(not\s+in|in|ilike|like)(?![A-Za-z0-9_])/i);
  if (!word) cursor.fail("expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN)");
  return word.toUpperCase().replace(/\s+/g, " ") as Comparator;
}

function readValue(cursor: Cursor, comparator: Comparator): number | string | string[] {
  cursor.skipSpace();
  if (comparator === "IN" || comparator === "NOT IN") {
    if (!cursor.match(/^\(/)) cursor.fail("expected '(' after IN");
    const values: string[] = [];
    for (;;) {
      cursor.skipSpace();
      const value = cursor.quoted() ?? cursor.fail("expected a quoted string in the IN list");
      values.push(value);
      cursor.skipSpace();
      if (cursor.match(/^\)/)) return values;
      if (!cursor.match(/^,/)) cursor.fail("expected ',' or ')' in the IN list");
    }
  }
  if (cursor.text[cursor.pos] === "`") cursor.fail("a value must be a number or a string in single or double quotes");
  const text = cursor.quoted();
  if (text !== undefined) return text;
  const number = cursor.match(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(?![A-Za-z0-9_.])/);
  if (number === undefined) cursor.fail("expected a number or a quoted string");
  return Number(number);
}

function checkClause(identifier: Identifier, comparator: Comparator, value: number | string | string[], dialect: SearchDialect): Clause {
  const { type, key } = identifier;
  const isNumeric = type === "metric" || (type === "attribute" && dialect.numericAttributes.includes(key));
  const label = type === "attribute" ? `attribute '${key}'` : `${type} '${key}'`;
  if (isNumeric) {
    if (!(NUMERIC_COMPARATORS as readonly string[]).includes(comparator)) throw invalidParameter(`Invalid comparator '${comparator}' for ${label}: use one of ${NUMERIC_COMPARATORS.join(" ")}`);
    if (typeof value !== "number") throw invalidParameter(`Expected numeric value type for ${label}. Found '${String(value)}'`);
    return { type, key, comparator, value } as Clause;
  }
  const allowed: readonly string[] = type === "attribute" ? [...STRING_COMPARATORS, "IN", "NOT IN"] : STRING_COMPARATORS;
  if (!allowed.includes(comparator)) throw invalidParameter(`Invalid comparator '${comparator}' for ${label}: use one of ${allowed.join(", ")}`);
  if (typeof value === "number") throw invalidParameter(`Expected a quoted string value for ${label}. Found ${value}`);
  return { type, key, comparator, value } as Clause;
}

/** Parses a filter string; empty or blank is no filter. Any syntax it does not know is INVALID_PARAMETER_VALUE. */
export function parseSearchFilter(filter: string | undefined, dialect: SearchDialect = RUN_SEARCH): Clause[] {
  if (!filter || !filter.trim()) return [];
  const cursor = new Cursor(filter);
  const clauses: Clause[] = [];
  for (;;) {
    const identifier = readIdentifier(cursor, dialect);
    const comparator = readComparator(cursor);
    clauses.push(checkClause(identifier, comparator, readValue(cursor, comparator), dialect));
    cursor.skipSpace();
    if (cursor.done) return clauses;
    if (cursor.match(/^or(?![A-Za-z0-9_])/i)) throw invalidParameter("Invalid search expression: OR is not supported, only AND");
    if (!cursor.match(/^and(?![A-Za-z0-9_])/i)) cursor.fail("expected AND between clauses");
  }
}

/** What a clause is compared with: a run's latest metrics, params, tags and attributes (times in ms). */
export type Searchable = {
  metrics: ReadonlyMap<string, number>;
  params: ReadonlyMap<string, string>;
  tags: ReadonlyMap<string, string>;
  attributes: Readonly<Record<string, string | number | null | undefined>>;
};

const likeCache = new Map<string, RegExp>();
/** SQL LIKE pattern as a regular expression: % any run, _ one character, everything else literal. */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const cacheKey = `${caseInsensitive ? "i" : "s"}${pattern}`;
  let regex = likeCache.get(cacheKey);
  if (!regex) {
    const body = [...pattern].map((char) => (char === "%" ? "[\\s\\S]*" : char === "_" ? "[\\s\\S]" : escapeRegExp(char))).join("");
    regex = new RegExp(`^${body}$`, caseInsensitive ? "i" : "");
    if (likeCache.size > 1000) likeCache.clear();
    likeCache.set(cacheKey, regex);
  }
  return regex;
}

function compare(actual: number | string, comparator: Comparator, expected: number | string | string[]): boolean {
  switch (comparator) {
    case "=": return actual === expected;
    case "!=": return actual !== expected;
    case "<": return (actual as number) < (expected as number);
    case "<=": return (actual as number) <= (expected as number);
    case ">": return (actual as number) > (expected as number);
    case ">=": return (actual as number) >= (expected as number);
    case "LIKE": return likeToRegExp(expected as string, false).test(String(actual));
    case "ILIKE": return likeToRegExp(expected as string, true).test(String(actual));
    case "IN": return (expected as string[]).includes(String(actual));
    case "NOT IN": return !(expected as string[]).includes(String(actual));
  }
}

/** Whether every clause holds. A missing metric, param or tag fails its clause (as MLflow's SQL join does), != too. */
export function matchesFilter(item: Searchable, clauses: readonly Clause[]): boolean {
  for (const clause of clauses) {
    let actual: number | string | null | undefined;
    if (clause.type === "metric") actual = item.metrics.get(clause.key);
    else if (clause.type === "parameter") actual = item.params.get(clause.key);
    else if (clause.type === "tag") actual = item.tags.get(clause.key);
    else actual = item.attributes[clause.key];
    if (actual === undefined || actual === null || (typeof actual === "number" && Number.isNaN(actual))) return false;
    if (!compare(actual, clause.comparator, clause.value)) return false;
  }
  return true;
}

export type OrderBy = { type: EntityType; key: string; ascending: boolean };

/** Parses order_by items such as `metrics.loss`, `attributes.start_time DESC`, `params.\`lr\` ASC`. */
export function parseOrderBy(items: readonly string[] | undefined, dialect: SearchDialect = RUN_SEARCH): OrderBy[] {
  return (items ?? []).map((item) => {
    const cursor = new Cursor(item);
    const { type, key } = readIdentifier(cursor, dialect);
    cursor.skipSpace();
    const direction = cursor.match(/^(asc|desc)(?![A-Za-z0-9_])/i);
    cursor.skipSpace();
    if (!cursor.done) throw invalidParameter(`Invalid order_by clause '${item}': expected '<entity>.<key> [ASC|DESC]'`);
    return { type, key, ascending: direction?.toUpperCase() !== "DESC" };
  });
}

function sortValue(item: Searchable, order: OrderBy): number | string | null {
  let value: number | string | null | undefined;
  if (order.type === "metric") value = item.metrics.get(order.key);
  else if (order.type === "parameter") value = item.params.get(order.key);
  else if (order.type === "tag") value = item.tags.get(order.key);
  else value = item.attributes[order.key];
  return value === undefined || (typeof value === "number" && Number.isNaN(value)) ? null : value;
}

/**
 * Sorts by the order_by items, then by `fallback` (MLflow's default: start_time DESC, then run_id). A missing or
 * NaN value sorts after every present one, in either direction.
 */
export function sortSearchables<T extends Searchable>(items: T[], orderBy: readonly OrderBy[], fallback: readonly OrderBy[]): T[] {
  const orders = [...orderBy, ...fallback];
  return [...items].sort((a, b) => {
    for (const order of orders) {
      const left = sortValue(a, order);
      const right = sortValue(b, order);
      if (left === right) continue;
      if (left === null) return 1;
      if (right === null) return -1;
      const sign = left < right ? -1 : 1;
      return order.ascending ? sign : -sign;
    }
    return 0;
  });
}

/** MLflow's page tokens: base64 of {"offset": n} (SearchUtils.create_page_token). */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw invalidParameter(`Invalid page token '${token.slice(0, 100)}': not a token this server returned`);
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0) throw invalidParameter(`Invalid page token '${token.slice(0, 100)}': not a token this server returned`);
  return offset;
}
