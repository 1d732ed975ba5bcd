import { describe, expect, it } from "vitest";
import { axisStyle, axisTitle, narrowCategoryTicks, narrowTicks, powersOfTwoLogAxis } from "@/components/charts/chart-options";
import type { ChartTheme } from "@/components/charts/use-chart-theme";

const WIDE: ChartTheme = { isDark: false, text: "#000", muted: "#555", grid: "#eee", background: "#fff", danger: "#f00" };
const NARROW: ChartTheme = { ...WIDE, isNarrow: true };

describe("chart ticks on a phone-width screen", () => {
  it("leaves a wide chart's ticks as they were", () => {
    expect(narrowTicks(WIDE)).toEqual({});
    expect(narrowCategoryTicks(WIDE)).toEqual({});
    expect(axisStyle(WIDE).ticks).toEqual({ color: "#555" });
    expect(axisTitle("Steps", WIDE).font.size).toBe(13);
  });

  it("caps a narrow axis at five labels, skipped or turned rather than overlapped, in a smaller font", () => {
    expect(axisStyle(NARROW).ticks).toMatchObject({ color: "#555", autoSkip: true, maxTicksLimit: 5, maxRotation: 50, font: { size: 10 } });
    expect(powersOfTwoLogAxis("GB", { min: 1, max: 100 }, NARROW).ticks).toMatchObject({ autoSkip: true, maxTicksLimit: 5 });
    expect(axisTitle("Steps", NARROW).font.size).toBe(11);
  });

  it("turns a narrow category axis's labels without skipping any", () => {
    const ticks = { autoSkip: false, maxRotation: 0, ...narrowCategoryTicks(NARROW) };
    expect(ticks).toEqual({ autoSkip: false, maxRotation: 50, font: { size: 10 } });
  });
});
