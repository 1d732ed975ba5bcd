// Public API of the prediction core: pure functions, no I/O. Units: bytes, GB = 1e9 bytes, FLOPs, seconds, USD.
export * from "./types";
export * from "./params";
export * from "./memory";
export * from "./limits";
export * from "./throughput";
export * from "./ols";
export * from "./quality";
export * from "./guidance";
export * from "./recommend";
export * from "./predict";
export * from "./observations";
export * from "./calibration";
export * from "./robust";
export * from "./measured";
export * from "./fit-advice";
