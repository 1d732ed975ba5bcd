"use client";
import { useSyncExternalStore } from "react";

/** Colours a canvas needs (it cannot read CSS variables): text, grid and background for light or dark mode. */
export type ChartTheme = { isDark: boolean; text: string; muted: string; grid: string; background: string; danger: string };

const LIGHT: ChartTheme = { isDark: false, text: "#1b1f24", muted: "#5b6470", grid: "rgba(27, 31, 36, 0.1)", background: "#ffffff", danger: "#b42318" };
const DARK: ChartTheme = { isDark: true, text: "#e6e9ed", muted: "#9aa4b1", grid: "rgba(230, 233, 237, 0.12)", background: "#111418", danger: "#f97066" };

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** Follows the OS colour scheme, as globals.css does. */
export function useChartTheme(): ChartTheme {
  const isDark = useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
  return isDark ? DARK : LIGHT;
}
