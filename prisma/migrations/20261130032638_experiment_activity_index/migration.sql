-- CreateIndex
CREATE INDEX "Run_experiment_activity_idx" ON "Run"("experimentId", "deletedAt", "updatedAt", "lastSeenAt");
