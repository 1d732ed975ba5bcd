// A generated Hugging Face trainer_state.json for the import tests (unit and API).

/** A trainer_state.json as Trainer writes it (json.dumps indent=2, sort_keys=True), with `entries` training logs. */
export function generateTrainerState(entries: number): string {
  const log_history: Record<string, number>[] = [];
  for (let i = 1; i <= entries; i++) {
    log_history.push({ epoch: Number((i / entries).toFixed(6)), grad_norm: 0.5 + ((i * 7919) % 1000) / 1000, learning_rate: 2e-4 * (1 - i / entries) + 1e-7, loss: 2.2 * Math.exp(-i / entries) + ((i * 104729) % 997) / 9970, step: i });
  }
  log_history.push({ epoch: 1, step: entries, total_flos: 1.2e18, train_loss: 1.1, train_runtime: 36_000.5, train_samples_per_second: 22.2, train_steps_per_second: 2.78 });
  return JSON.stringify({ epoch: 1, global_step: entries, log_history, max_steps: entries, num_train_epochs: 1, total_flos: 1.2e18, train_batch_size: 8 }, null, 2) + "\n";
}
