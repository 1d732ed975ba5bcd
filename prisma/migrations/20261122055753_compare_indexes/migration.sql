-- CreateIndex
CREATE INDEX "MetricPoint_series_idx" ON "MetricPoint"("runId", "key", "step", "value");

-- CreateIndex
CREATE INDEX "Run_compare_mtbench_idx" ON "Run"("mtBench", "oom", "peakMemoryGb", "peakMemoryGbMin", "mmlu", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id");

-- CreateIndex
CREATE INDEX "Run_compare_mmlu_idx" ON "Run"("mmlu", "oom", "peakMemoryGb", "peakMemoryGbMin", "method", "rank", "sourceId", "hardwareId", "modelId", "modelName", "status", "id");

-- CreateIndex
CREATE INDEX "Run_compare_throughput_idx" ON "Run"("hardwareId", "method", "throughputSamplesPerSec", "throughputTokensPerSec", "oom", "modelId", "modelName", "sourceId", "status", "rank", "id");

-- CreateIndex
CREATE INDEX "Run_compare_tokens_idx" ON "Run"("hardwareId", "method", "throughputTokensPerSec", "modelId", "modelName", "sourceId", "status", "rank");

-- CreateIndex
CREATE INDEX "Run_compare_memory_idx" ON "Run"("sourceId", "method", "modelParams", "peakMemoryGb", "oom", "hardwareId", "modelId", "modelName", "status", "rank", "id");
