import { beforeAll, describe, expect, it } from "vitest";
import * as activityRoute from "@/app/api/activity/route";
import * as peopleRoute from "@/app/api/people/route";
import * as commentRoute from "@/app/api/comments/[id]/route";
import * as qualityMemoryRoute from "@/app/api/compare/quality-memory/route";
import * as exportRoute from "@/app/api/export/route";
import * as runsRoute from "@/app/api/runs/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as commentsRoute from "@/app/api/runs/[id]/comments/route";
import * as historyRoute from "@/app/api/runs/[id]/history/route";
import * as restoreRoute from "@/app/api/runs/[id]/restore/route";
import * as reviewRoute from "@/app/api/runs/[id]/review/route";
import * as viewsRoute from "@/app/api/views/route";
import * as viewRoute from "@/app/api/views/[id]/route";
import { renderCommentMarkdown } from "@/lib/collab/markdown";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CompareFilters } from "@/lib/schemas/compare";
import { hashPassword } from "@/lib/server/auth/passwords";
import { createApiToken } from "@/lib/server/auth/tokens";
import { compareWhereSql } from "@/lib/server/compare/sql";
import { prisma } from "@/lib/server/db/client";
import { runWhere } from "@/lib/server/runs/read-runs";
import { call, tokenFor } from "../support/api";

const validRun = { method: "qlora", model: "meta-llama/Llama-2-7b-hf", rank: 16, loraAlpha: 32, hardware: "rtx-4090", peakMemoryGb: 9.6, mtBench: 6.4, tags: ["collab"] };

/** A second member, so that "another member's comment" exists. */
let otherMember: { token: string; userId: string };

beforeAll(async () => {
  const user = await prisma.user.create({ data: { username: "bea", name: "Bea Second", role: "member", passwordHash: await hashPassword("test-password") } });
  const { token } = await createApiToken({ userId: user.id, name: "tests" });
  otherMember = { token, userId: user.id };
});

const asOther = () => ({ headers: { authorization: `Bearer ${otherMember.token}` } });

async function logRun(overrides: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { ...validRun, ...overrides } });
  expect(status).toBe(201);
  return body.id as string;
}

const history = async (id: string) => (await call(historyRoute.GET, { path: `/api/runs/${id}/history`, params: { id } })).body.items as Record<string, unknown>[];

describe("run history", () => {
  it("records creation, then one event per changed field with old value, new value and who", async () => {
    const id = await logRun({ name: "history run" });
    const member = await tokenFor("member");
    const patch = await call(runRoute.PATCH, { method: "PATCH", path: `/api/runs/${id}`, params: { id }, body: { mmlu: 47.2, rank: 32, tags: ["collab", "edited"], name: "history run" } });
    expect(patch.status).toBe(200);

    const events = await history(id);
    expect(events[0]).toMatchObject({ kind: "created", actor: { id: member.userId } });
    const updates = events.filter((event) => event.kind === "updated");
    // name was sent unchanged, so it records nothing.
    expect(updates.map((event) => event.field).sort()).toEqual(["mmlu", "rank", "tags"]);
    expect(updates.find((event) => event.field === "rank")).toMatchObject({ oldValue: 16, newValue: 32, actor: { id: member.userId, username: "test-member" } });
    expect(updates.find((event) => event.field === "mmlu")).toMatchObject({ oldValue: null, newValue: 47.2 });
    expect(updates.find((event) => event.field === "tags")).toMatchObject({ oldValue: ["collab"], newValue: ["collab", "edited"] });
  });

  it("records nothing when an edit is refused", async () => {
    const id = await logRun();
    const before = await history(id);
    expect((await call(runRoute.PATCH, { method: "PATCH", path: `/api/runs/${id}`, params: { id }, body: { rank: -1 } })).status).toBe(422);
    expect((await call(runRoute.PATCH, { method: "PATCH", path: `/api/runs/${id}`, params: { id }, body: { rank: 64 }, as: "viewer" })).status).toBe(403);
    expect(await history(id)).toEqual(before);
  });
});

describe("review status", () => {
  it("records status and baseline changes with who and when, and filters the runs table by status", async () => {
    const id = await logRun({ name: "review run" });
    const put = await call(reviewRoute.PUT, { method: "PUT", path: `/api/runs/${id}/review`, params: { id }, body: { status: "in_review", isBaseline: true }, ...asOther() });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ status: "in_review", isBaseline: true, changedBy: { username: "bea" } });
    expect(put.body.changedAt).toMatch(/^\d{4}-/);

    // Repeating the same request changes nothing and records nothing.
    await call(reviewRoute.PUT, { method: "PUT", path: `/api/runs/${id}/review`, params: { id }, body: { status: "in_review" }, ...asOther() });
    const events = (await history(id)).filter((event) => event.kind === "status" || event.kind === "baseline");
    expect(events).toMatchObject([
      { kind: "status", field: "reviewStatus", oldValue: "draft", newValue: "in_review", actor: { username: "bea" } },
      { kind: "baseline", field: "isBaseline", oldValue: false, newValue: true },
    ]);

    const list = await call(runsRoute.GET, { path: "/api/runs?reviewStatus=in_review&tag=collab" });
    expect(list.body.items.map((run: { id: string }) => run.id)).toContain(id);
    expect(list.body.items.every((run: { reviewStatus: string }) => run.reviewStatus === "in_review")).toBe(true);
    expect(list.body.items.find((run: { id: string }) => run.id === id)).toMatchObject({ isBaseline: true });

    const baselines = await call(runsRoute.GET, { path: "/api/runs?baseline=true&limit=200" });
    expect(baselines.body.items.map((run: { id: string }) => run.id)).toContain(id);
    expect(baselines.body.items.every((run: { isBaseline: boolean }) => run.isBaseline)).toBe(true);
    const others = await call(runsRoute.GET, { path: "/api/runs?baseline=false&tag=collab&limit=200" });
    expect(others.body.items.map((run: { id: string }) => run.id)).not.toContain(id);
    const bad = await call(runsRoute.GET, { path: "/api/runs?baseline=yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: "baseline", message: 'must be "true" or "false"' }]);
  });

  it("refuses an unknown status (422), a viewer (403) and an anonymous caller (401), changing nothing", async () => {
    const id = await logRun();
    expect((await call(reviewRoute.PUT, { method: "PUT", params: { id }, body: { status: "approved" } })).status).toBe(422);
    expect((await call(reviewRoute.PUT, { method: "PUT", params: { id }, body: { status: "accepted" }, as: "viewer" })).status).toBe(403);
    expect((await call(reviewRoute.PUT, { method: "PUT", params: { id }, body: { status: "accepted" }, as: "none" })).status).toBe(401);
    expect((await call(reviewRoute.GET, { params: { id } })).body).toMatchObject({ status: "draft", isBaseline: false, changedBy: null });
  });
});

describe("soft delete", () => {
  it("hides a deleted run from the list, the run page, charts and export; an admin lists and restores it", async () => {
    const id = await logRun({ name: "soft delete run", mmlu: 51 });
    const inChart = async () => {
      const { body } = await call(qualityMemoryRoute.GET, { path: "/api/compare/quality-memory?tag=collab&metric=mmlu" });
      return JSON.stringify(body).includes(id);
    };
    const inExport = async () => (await call(exportRoute.GET, { path: "/api/export?format=json" })).body.items.some((run: { id: string }) => run.id === id);
    const inList = async () => (await call(runsRoute.GET, { path: "/api/runs?tag=collab&limit=200" })).body.items.some((run: { id: string }) => run.id === id);
    expect([await inList(), await inChart(), await inExport()]).toEqual([true, true, true]);

    expect((await call(runRoute.DELETE, { method: "DELETE", params: { id }, as: "viewer" })).status).toBe(403);
    expect((await call(runRoute.DELETE, { method: "DELETE", params: { id } })).status).toBe(204);
    expect([await inList(), await inChart(), await inExport()]).toEqual([false, false, false]);
    expect((await call(runRoute.GET, { params: { id } })).status).toBe(404);
    expect((await call(runRoute.DELETE, { method: "DELETE", params: { id } })).status).toBe(404);
    // The row is kept, so it can come back.
    expect(await prisma.run.count({ where: { id } })).toBe(1);

    expect((await call(runsRoute.GET, { path: "/api/runs?deleted=true", as: "member" })).status).toBe(403);
    const deleted = await call(runsRoute.GET, { path: "/api/runs?deleted=true&tag=collab", as: "admin" });
    expect(deleted.body.items.map((run: { id: string }) => run.id)).toEqual([id]);
    expect(deleted.body.items[0].deletedAt).toMatch(/^\d{4}-/);
    expect((await call(runRoute.GET, { params: { id }, as: "admin" })).status).toBe(200);

    expect((await call(restoreRoute.POST, { method: "POST", params: { id } })).status).toBe(403);
    expect((await call(restoreRoute.POST, { method: "POST", params: { id }, as: "admin" })).status).toBe(200);
    expect((await call(restoreRoute.POST, { method: "POST", params: { id }, as: "admin" })).status).toBe(409);
    expect([await inList(), await inChart(), await inExport()]).toEqual([true, true, true]);
    expect((await history(id)).map((event) => event.kind)).toEqual(["created", "deleted", "restored"]);
  });

  it("keeps compareWhereSql and runWhere selecting the same runs with deleted runs and review filters", async () => {
    const id = await logRun({ name: "gone" });
    const kept = await logRun({ name: "kept" });
    await call(runRoute.DELETE, { method: "DELETE", params: { id } });
    await call(reviewRoute.PUT, { method: "PUT", params: { id: kept }, body: { status: "accepted" } });
    const cases: CompareFilters[] = [{}, { tag: "collab" }, { reviewStatus: ["accepted"] }, { reviewStatus: ["draft", "in_review"], method: ["qlora"] }];
    for (const filters of cases) {
      const viaPrisma = (await prisma.run.findMany({ where: runWhere(filters), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id FROM "Run" r WHERE ${compareWhereSql(filters)}`)).map((r) => r.id).sort();
      expect({ filters, ids: viaSql }).toEqual({ filters, ids: viaPrisma });
      expect(viaSql).not.toContain(id);
    }
  });
});

describe("comments", () => {
  it("stores Markdown, renders it without scripts or javascript: links, and links only known mentions", async () => {
    const id = await logRun();
    const body = "<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.com) **bold** cc @bea and @nobody";
    const created = await call(commentsRoute.POST, { method: "POST", params: { id }, body: { body } });
    expect(created.status).toBe(201);
    expect(created.body.body).toBe(body);
    expect(created.body.mentions).toEqual(["bea"]);
    const { html } = created.body as { html: string };
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener noreferrer">ok</a>');
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="/activity?user=bea" class="mention">@bea</a>');
    expect(html).toContain("@nobody");
    expect(html).not.toContain("user=nobody");

    const list = await call(commentsRoute.GET, { params: { id } });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ author: { username: "test-member" }, html });
  });

  it("refuses encoded and mixed-case javascript:, data: and vbscript: links", () => {
    for (const link of ["JaVaScRiPt:alert(1)", "jav&#x61;script:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", " javascript:alert(1)"]) {
      expect(renderCommentMarkdown(`[x](${link})`)).not.toMatch(/<a /);
    }
    expect(renderCommentMarkdown("[rel](/runs/abc) [mail](mailto:a@b.c)")).toMatch(/href="\/runs\/abc".*href="mailto:a@b.c"/);
  });

  it("lets the author edit and delete their comment; another member gets 403 and changes nothing; an admin may", async () => {
    const id = await logRun();
    const { body: comment } = await call(commentsRoute.POST, { method: "POST", params: { id }, body: { body: "first take" } });
    const commentId = comment.id as string;

    const foreign = await call(commentRoute.PATCH, { method: "PATCH", params: { id: commentId }, body: { body: "hijacked" }, ...asOther() });
    expect(foreign.status).toBe(403);
    expect((await call(commentRoute.DELETE, { method: "DELETE", params: { id: commentId }, ...asOther() })).status).toBe(403);
    expect((await call(commentRoute.PATCH, { method: "PATCH", params: { id: commentId }, body: { body: "anon" }, as: "none" })).status).toBe(401);
    expect((await call(commentsRoute.POST, { method: "POST", params: { id }, body: { body: "viewer" }, as: "viewer" })).status).toBe(403);
    const unchanged = await call(commentsRoute.GET, { params: { id } });
    expect(unchanged.body.items.map((c: { body: string }) => c.body)).toEqual(["first take"]);

    const edited = await call(commentRoute.PATCH, { method: "PATCH", params: { id: commentId }, body: { body: "second take, @bea" } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: "second take, @bea", mentions: ["bea"] });
    expect((await call(commentRoute.PATCH, { method: "PATCH", params: { id: commentId }, body: { body: "moderated" }, as: "admin" })).status).toBe(200);
    expect((await call(commentRoute.DELETE, { method: "DELETE", params: { id: commentId } })).status).toBe(204);
    expect((await call(commentsRoute.GET, { params: { id } })).body.items).toEqual([]);
    expect((await call(commentRoute.DELETE, { method: "DELETE", params: { id: commentId } })).status).toBe(404);
  });

  it("records comment edits and deletions in the run's history, with both bodies and who made them; refused and no-op edits record nothing", async () => {
    const id = await logRun();
    const member = await tokenFor("member");
    const admin = await tokenFor("admin");
    const { body: comment } = await call(commentsRoute.POST, { method: "POST", params: { id }, body: { body: "loss spikes at step 400" } });
    const commentId = comment.id as string;
    await call(commentRoute.PATCH, { method: "PATCH", params: { id: commentId }, body: { body: "stolen" }, ...asOther() });
    await call(commentRoute.PATCH, { method: "PATCH", params: { id: commentId }, body: { body: "loss spikes at step 400" } });
    await call(commentRoute.PATCH, { method: "PATCH", params: { id: commentId }, body: { body: "loss spikes at step 450" } });
    await call(commentRoute.DELETE, { method: "DELETE", params: { id: commentId }, as: "admin" });

    const events = (await history(id)).filter((event) => String(event.kind).startsWith("comment"));
    expect(events.map((event) => [event.kind, (event.actor as { id: string }).id])).toEqual([
      ["comment", member.userId],
      ["comment_edited", member.userId],
      ["comment_deleted", admin.userId],
    ]);
    expect(events[1]).toMatchObject({ oldValue: { commentId, body: "loss spikes at step 400" }, newValue: { commentId, body: "loss spikes at step 450" } });
    expect(events[2]).toMatchObject({ oldValue: { commentId, body: "loss spikes at step 450" }, newValue: null });
    const feed = await call(activityRoute.GET, { path: "/api/activity?kind=comment_edited,comment_deleted" });
    expect(feed.body.items.filter((event: { runId: string }) => event.runId === id).map((event: { kind: string }) => event.kind)).toEqual(["comment_deleted", "comment_edited"]);
  });
});

describe("people", () => {
  it("lists everyone's username and name for the person filter, and nothing more", async () => {
    const people = await call(peopleRoute.GET, { path: "/api/people" });
    expect(people.status).toBe(200);
    expect(people.body.items).toContainEqual({ id: otherMember.userId, username: "bea", name: "Bea Second" });
    for (const person of people.body.items) expect(Object.keys(person).sort()).toEqual(["id", "name", "username"]);
  });
});

describe("activity feed: mentions", () => {
  it("lists only the comments that mention a person, matched exactly", async () => {
    const id = await logRun({ name: "mention run" });
    await prisma.user.create({ data: { username: "bxa", name: "Not Bea", role: "member", passwordHash: await hashPassword("test-password") } });
    const post = (body: string) => call(commentsRoute.POST, { method: "POST", params: { id }, body: { body } });
    const forBea = await post("@bea please rerun with r=64");
    await post("nothing for anyone");
    await post("@bxa has the numbers");
    const alsoBea = await post("cc @bea and @bxa");

    const bea = await call(activityRoute.GET, { path: "/api/activity?mentions=bea" });
    expect(bea.status).toBe(200);
    // Earlier tests in this file mention bea on other runs; this run's are the two above, newest first.
    const onThisRun = bea.body.items.filter((event: { runId: string }) => event.runId === id);
    expect(onThisRun.map((event: { newValue: { commentId: string } }) => event.newValue.commentId)).toEqual([alsoBea.body.id, forBea.body.id]);
    expect(new Set(bea.body.items.map((event: { kind: string }) => event.kind))).toEqual(new Set(["comment"]));
    // "_" is a LIKE wildcard; the match is on the stored list, so b_a finds nobody.
    expect((await call(activityRoute.GET, { path: "/api/activity?mentions=bxa" })).body.items.filter((event: { runId: string }) => event.runId === id)).toHaveLength(2);
    expect((await call(activityRoute.GET, { path: "/api/activity?mentions=b_a" })).body.items).toEqual([]);
    expect((await call(activityRoute.GET, { path: "/api/activity?mentions=nobody-at-all" })).body.items).toEqual([]);
  });
});

describe("activity feed", () => {
  it("lists runs, comments and status changes newest first, filterable by person and kind", async () => {
    const id = await logRun({ name: "feed run" });
    await call(commentsRoute.POST, { method: "POST", params: { id }, body: { body: "looks good" }, ...asOther() });
    await call(reviewRoute.PUT, { method: "PUT", params: { id }, body: { status: "in_review" }, ...asOther() });

    const all = await call(activityRoute.GET, { path: "/api/activity?limit=3" });
    expect(all.body.items.map((event: { kind: string }) => event.kind)).toEqual(["status", "comment", "created"]);
    expect(all.body.items[1]).toMatchObject({ runId: id, runName: "feed run", actor: { username: "bea" }, newValue: { excerpt: "looks good" } });

    const bea = await call(activityRoute.GET, { path: "/api/activity?user=bea" });
    expect(new Set(bea.body.items.map((event: { actor: { username: string } }) => event.actor.username))).toEqual(new Set(["bea"]));
    const comments = await call(activityRoute.GET, { path: "/api/activity?kind=comment" });
    expect(new Set(comments.body.items.map((event: { kind: string }) => event.kind))).toEqual(new Set(["comment"]));

    const firstPage = await call(activityRoute.GET, { path: "/api/activity?limit=1" });
    const secondPage = await call(activityRoute.GET, { path: `/api/activity?limit=1&cursor=${firstPage.body.nextCursor}` });
    expect(secondPage.body.items[0].id).toBe(all.body.items[1].id);
    expect((await call(activityRoute.GET, { path: "/api/activity?kind=liked" })).status).toBe(400);
  });
});

describe("saved views", () => {
  it("round-trips a named view; only its owner or an admin deletes it", async () => {
    const created = await call(viewsRoute.POST, { method: "POST", body: { name: "QLoRA on 4090", path: "/compare", query: "?method=qlora&hardware=rtx-4090&metric=mmlu" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "QLoRA on 4090", path: "/compare", query: "method=qlora&hardware=rtx-4090&metric=mmlu", url: "/compare?method=qlora&hardware=rtx-4090&metric=mmlu", owner: { username: "test-member" } });
    const id = created.body.id as string;

    expect((await call(viewRoute.GET, { params: { id } })).body).toEqual(created.body);
    expect((await call(viewsRoute.GET, {})).body.items.map((view: { id: string }) => view.id)).toContain(id);
    expect((await call(viewsRoute.POST, { method: "POST", body: { name: "x", path: "/admin", query: "" } })).status).toBe(422);
    expect((await call(viewsRoute.POST, { method: "POST", body: { name: "x", path: "/runs", query: "" }, as: "viewer" })).status).toBe(403);

    expect((await call(viewRoute.DELETE, { method: "DELETE", params: { id }, ...asOther() })).status).toBe(403);
    expect((await call(viewRoute.DELETE, { method: "DELETE", params: { id } })).status).toBe(204);
    expect((await call(viewRoute.GET, { params: { id } })).status).toBe(404);
  });
});
