// Fill patterns that tell sources apart without a second colour (the colour already says the method).
export type PatternKind = "solid" | "diagonal" | "cross" | "dots" | "horizontal" | "outline";

const cache = new Map<string, CanvasPattern | string>();

/** A canvas fill: the colour itself for "solid", a 10px tile of lines or dots otherwise. */
export function fillPattern(kind: PatternKind, color: string, background = "transparent"): CanvasPattern | string {
  if (kind === "solid") return color;
  if (typeof document === "undefined") return color;
  const key = `${kind}|${color}|${background}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const size = 10;
  const tile = document.createElement("canvas");
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext("2d");
  if (!ctx) return color;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2.5;
  if (kind === "diagonal" || kind === "cross") {
    ctx.beginPath();
    ctx.moveTo(-1, size + 1);
    ctx.lineTo(size + 1, -1);
    ctx.moveTo(-1, 1);
    ctx.lineTo(1, -1);
    ctx.moveTo(size - 1, size + 1);
    ctx.lineTo(size + 1, size - 1);
    if (kind === "cross") {
      ctx.moveTo(-1, -1);
      ctx.lineTo(size + 1, size + 1);
    }
    ctx.stroke();
  } else if (kind === "horizontal") {
    ctx.beginPath();
    ctx.moveTo(0, size / 2);
    ctx.lineTo(size, size / 2);
    ctx.stroke();
  } else if (kind === "dots") {
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, 2.2, 0, Math.PI * 2);
    ctx.fill();
  }
  const pattern = ctx.createPattern(tile, "repeat") ?? color;
  cache.set(key, pattern);
  return pattern;
}

/** The same pattern for an HTML legend swatch. */
export function cssPattern(kind: PatternKind, color: string): string {
  switch (kind) {
    case "solid":
      return color;
    case "diagonal":
      return `repeating-linear-gradient(-45deg, ${color} 0 2.5px, transparent 2.5px 6px)`;
    case "cross":
      return `repeating-linear-gradient(-45deg, ${color} 0 2px, transparent 2px 6px), repeating-linear-gradient(45deg, ${color} 0 2px, transparent 2px 6px)`;
    case "horizontal":
      return `repeating-linear-gradient(0deg, ${color} 0 2px, transparent 2px 6px)`;
    case "dots":
      return `radial-gradient(${color} 1.6px, transparent 1.8px) 0 0 / 6px 6px`;
    case "outline":
      return "transparent";
  }
}

/** "#E69F00" with an alpha, as an rgba() string. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.replace("#", ""), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
