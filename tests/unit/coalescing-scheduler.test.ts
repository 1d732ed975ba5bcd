import { describe, expect, it } from "vitest";
import { coalescingScheduler } from "@/lib/query/coalescing-scheduler";

/** A hand-driven task queue: `schedule` queues a task, `runNext` runs the oldest. */
function taskQueue() {
  const tasks: (() => void)[] = [];
  return { schedule: (run: () => void) => tasks.push(run), runNext: () => tasks.shift()!(), get length() { return tasks.length; } };
}

describe("coalescingScheduler", () => {
  it("runs every callback scheduled before its task in that one task, in order", () => {
    const queue = taskQueue();
    const schedule = coalescingScheduler(queue.schedule);
    const ran: string[] = [];
    for (const name of ["quality-memory", "throughput", "rank-quality", "memory-by-size"]) schedule(() => ran.push(name));
    expect(queue.length).toBe(1);
    expect(ran).toEqual([]);
    queue.runNext();
    expect(ran).toEqual(["quality-memory", "throughput", "rank-quality", "memory-by-size"]);
  });

  it("gives a callback scheduled after the batch ran, or by one of its callbacks, a task of its own", () => {
    const queue = taskQueue();
    const schedule = coalescingScheduler(queue.schedule);
    const ran: string[] = [];
    schedule(() => {
      ran.push("first");
      schedule(() => ran.push("from inside"));
    });
    queue.runNext();
    expect(ran).toEqual(["first"]);
    expect(queue.length).toBe(1);
    queue.runNext();
    expect(ran).toEqual(["first", "from inside"]);
    schedule(() => ran.push("later"));
    expect(queue.length).toBe(1);
    queue.runNext();
    expect(ran).toEqual(["first", "from inside", "later"]);
  });

  it("still runs the rest of a batch when one callback throws", () => {
    const queue = taskQueue();
    const schedule = coalescingScheduler(queue.schedule);
    const ran: string[] = [];
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    schedule(() => {
      throw new Error("subscriber failed");
    });
    schedule(() => ran.push("next"));
    queue.runNext();
    expect(ran).toEqual(["next"]);
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        process.off("uncaughtException", onUncaught);
        expect(uncaught).toHaveLength(1);
        resolve();
      }, 10),
    );
  });

  it("defaults to a timer task", async () => {
    const schedule = coalescingScheduler();
    const ran: number[] = [];
    schedule(() => ran.push(1));
    schedule(() => ran.push(2));
    expect(ran).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ran).toEqual([1, 2]);
  });
});
