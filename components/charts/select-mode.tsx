"use client";
import { type ReactNode, createContext, useContext, useState } from "react";

const SelectModeContext = createContext(false);

/**
 * Whether a click on a chart point selects its run instead of opening it. Shift-click always selects; this mode is
 * for touch screens and anyone without a shift key, switched by the toggle ChartSelectMode renders.
 */
export function useChartSelectMode(): boolean {
  return useContext(SelectModeContext);
}

/** A "Tap to select" toggle above the charts it wraps; its state reaches every chart through useChartSelectMode. */
export function ChartSelectMode({ children }: { children: ReactNode }) {
  const [isOn, setIsOn] = useState(false);
  return (
    <SelectModeContext.Provider value={isOn}>
      <div className="chart-select-mode row">
        <button type="button" aria-pressed={isOn} onClick={() => setIsOn((on) => !on)} data-testid="chart-select-mode">
          {isOn ? "Tap to select: on" : "Tap to select: off"}
        </button>
        <span className="small muted">
          {isOn ? "Tapping a point or bar adds its run to the selection (tap again to remove it)." : "Tapping a point opens its run; turn this on, or shift-click, to select runs instead."}
        </span>
      </div>
      {children}
    </SelectModeContext.Provider>
  );
}
