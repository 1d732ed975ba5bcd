/**
 * A scheduler for TanStack Query's notify manager (notifyManager.setScheduler) that runs every notification
 * scheduled before its task comes round in that one task, instead of one task each (the default: a setTimeout per
 * batch).
 *
 * Why: /compare's four chart answers usually arrive while the page is still hydrating, so their four notifications
 * wait in the queue together. One task each meant four React renders and commits, each followed by the browser
 * laying out and painting the page before the next chart was built; in one task the updates are one render, one
 * commit and one frame. Notifications that arrive later still get a task of their own, as soon as the default.
 */
export function coalescingScheduler(schedule: (run: () => void) => void = (run) => setTimeout(run, 0)): (callback: () => void) => void {
  let pending: (() => void)[] = [];
  return (callback) => {
    pending.push(callback);
    if (pending.length > 1) return;
    schedule(() => {
      const batch = pending;
      pending = [];
      for (const run of batch) {
        try {
          run();
        } catch (error) {
          // One failing subscriber must not keep the others from their update: rethrown on its own, as uncaught.
          setTimeout(() => {
            throw error;
          }, 0);
        }
      }
    });
  };
}
