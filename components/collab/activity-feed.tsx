"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useActivity, useMe, usePeople } from "@/lib/hooks/use-collab";
import { type Person, RUN_EVENT_KINDS, RUN_EVENT_KIND_LABELS, activityQuerySchema } from "@/lib/schemas/collab";
import { describeEvent, formatWhen } from "./format";

const filtersSchema = activityQuerySchema.pick({ user: true, mentions: true, kind: true });

type PersonSelectProps = { label: string; anyone: string; people: Person[] | undefined; value: string | undefined; onChange: (username: string) => void };

/** A username filter offering everyone by name; a username from a shared link stays selectable even when unlisted. */
function PersonSelect({ label, anyone, people, value, onChange }: PersonSelectProps) {
  const isListed = !value || people?.some((person) => person.username === value);
  return (
    <label>
      {label}
      {/* aria-label keeps the name to the label: a wrapping label's name takes in every option, so "Person" would
          also name the Mentioning select once someone called "Pat Person" is listed. */}
      <select aria-label={label} value={value ?? ""} onChange={(event) => onChange(event.target.value)}>
        <option value="">{anyone}</option>
        {people?.map((person) => <option key={person.id} value={person.username}>{person.name} (@{person.username})</option>)}
        {isListed ? null : <option value={value}>@{value}</option>}
      </select>
    </label>
  );
}

/** The team's recent activity; the person and kind filters live in the URL so a feed can be shared. */
export function ActivityFeed() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => {
    const parsed = filtersSchema.safeParse(Object.fromEntries(searchParams.entries()));
    return parsed.success ? parsed.data : {};
  }, [searchParams]);
  const activity = useActivity(filters);
  const people = usePeople();
  const me = useMe().data?.user ?? null;
  const items = activity.data?.pages.flatMap((page) => page.items) ?? [];

  function onChange(next: { user?: string; mentions?: string; kind?: string }) {
    const params = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(next)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  return (
    <div className="stack">
      <form className="filters" role="search" aria-label="Filter activity" onSubmit={(event) => event.preventDefault()}>
        <PersonSelect label="Person" anyone="Everyone" people={people.data?.items} value={filters.user} onChange={(user) => onChange({ user })} />
        <PersonSelect label="Mentioning" anyone="Anyone or no one" people={people.data?.items} value={filters.mentions} onChange={(mentions) => onChange({ mentions })} />
        {me && filters.mentions !== me.username ? <button type="button" onClick={() => onChange({ mentions: me.username, user: "", kind: "" })}>Mentions of me</button> : null}
        <label>
          Kind
          <select aria-label="Kind" value={filters.kind?.[0] ?? ""} onChange={(event) => onChange({ kind: event.target.value })}>
            <option value="">Everything</option>
            {RUN_EVENT_KINDS.map((kind) => <option key={kind} value={kind}>{RUN_EVENT_KIND_LABELS[kind]}</option>)}
          </select>
        </label>
        {filters.user || filters.mentions || filters.kind ? <button type="button" onClick={() => onChange({ user: "", mentions: "", kind: "" })}>Clear filters</button> : null}
      </form>
      {activity.isError ? <div className="error-banner" role="alert">{activity.error.message}</div> : null}
      {!activity.isPending && items.length === 0 ? <div className="empty-state">Nothing has happened here yet.</div> : null}
      <ol className="timeline" data-testid="activity-feed">
        {items.map((event) => (
          <li key={event.id} data-testid="activity-item" data-kind={event.kind}>
            <span className="small muted">{formatWhen(event.createdAt)}</span>{" "}
            {event.actor ? <Link href={`/activity?user=${encodeURIComponent(event.actor.username)}`}><strong>{event.actor.name}</strong></Link> : <strong>system</strong>}{" "}
            {describeEvent(event)} on <Link href={`/runs/${event.runId}`}>{event.runName}</Link>
          </li>
        ))}
      </ol>
      {activity.hasNextPage ? (
        <div><button type="button" onClick={() => void activity.fetchNextPage()} disabled={activity.isFetchingNextPage}>Load more</button></div>
      ) : null}
    </div>
  );
}
