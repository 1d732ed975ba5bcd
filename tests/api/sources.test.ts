import { it } from "vitest";
import * as claimsRoute from "@/app/api/claims/route";
import * as sourcesRoute from "@/app/api/sources/route";
import * as sourceRoute from "@/app/api/sources/[id]/route";
import { call } from "../support/api";
it("dump", async () => {
  const { body } = await call(claimsRoute.GET, { path: "/api/claims" });
  for (const c of body.items) console.log(c.id, c.disagrees, JSON.stringify(c.disagreement), c.sourceCount, c.evidence.length);
  console.log(JSON.stringify(body.items[0], null, 1).slice(0, 2500));
  const s = await call(sourcesRoute.GET, { path: "/api/sources" });
  console.log(JSON.stringify(s.body.items[0], null, 1).slice(0, 1500));
  const d = await call(sourceRoute.GET, { params: { id: "lora-vs-qlora-vs-full" } });
  console.log(JSON.stringify(d.body.tables[1], null, 1).slice(0, 2500));
});
