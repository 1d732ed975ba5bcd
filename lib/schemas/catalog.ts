// Shapes of the catalog endpoints, shared by the server functions and the client hooks.
export type CatalogModel = {
  id: string;
  hfId: string | null;
  name: string;
  family: string;
  hiddenSize: number;
  intermediateSize: number;
  numLayers: number;
  numAttentionHeads: number;
  numKeyValueHeads: number;
  headDim: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  totalParams: number;
  isGeneric: boolean;
  notes: string | null;
  citation: string;
};

export type CatalogHardware = {
  id: string;
  name: string;
  vendor: string;
  memoryGb: number;
  bf16DenseTflops: number | null;
  fp16DenseTflops: number;
  memoryBandwidthGbs: number;
  hourlyPriceUsd: number;
  priceSource: string;
  specSource: string;
  aliases: string[];
};
