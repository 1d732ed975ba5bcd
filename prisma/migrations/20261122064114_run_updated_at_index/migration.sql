-- CreateIndex
CREATE INDEX "Run_updatedAt_idx" ON "Run"("updatedAt");
