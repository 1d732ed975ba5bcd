"use client";
import { useSyncExternalStore } from "react";

/** Colours a canvas needs (it cannot read CSS variables): text, grid and background for light or dark mode. */
export type ChartTheme = { isDark: boolean; isNarrow?: boolean; text: string; muted: string; grid: string; background: string; danger: string };

const LIGHT: ChartTheme = { isDark: false, text: "#1b1f24", muted: "#5b6470", grid: "rgba(27, 31, 36, 0.1)", background: "#ffffff", danger: "#b42318" };
const DARK: ChartTheme = { isDark: true, text: "#e6e9ed", muted: "#9aa4b1", grid: "rgba(230, 233, 237, 0.12)", background: "#111418", danger: "#f97066" };

const QUERY = "(prefers-color-scheme: dark)";
// The width below which the header folds into a menu (globals.css); charts thin their ticks there too.
const NARROW_QUERY = "(max-width: 700px)";

function subscribeTo(query: string) {
  return (onChange: () => void) => {
    const media = window.matchMedia(query);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  };
}
const subscribe = subscribeTo(QUERY);
const subscribeNarrow = subscribeTo(NARROW_QUERY);

/** Follows the OS colour scheme, as globals.css does, and the window's width (narrow: a phone). */
export function useChartTheme(): ChartTheme {
  const isDark = useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
  const isNarrow = useSyncExternalStore(subscribeNarrow, () => window.matchMedia(NARROW_QUERY).matches, () => false);
  const base = isDark ? DARK : LIGHT;
  return isNarrow ? NARROW[base.isDark ? "dark" : "light"] : base;
}

// Stable objects, so a chart's options do not change identity on every render.
const NARROW = { light: { ...LIGHT, isNarrow: true }, dark: { ...DARK, isNarrow: true } };
