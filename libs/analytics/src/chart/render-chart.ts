import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { parse as parseVega, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Vega-Lite spec → SVG (vega's headless view, no canvas) → PNG (resvg, Rust, prebuilt for each
 * platform on npm). The font ships with us (DejaVu Sans from npm), so the picture is the same on a
 * slim container image without system fonts as on a laptop.
 */
const require = createRequire(import.meta.url);
const FONT_FILE = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");

export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parseVega(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderChartPng(spec: TopLevelSpec): Promise<Uint8Array> {
  const svg = await renderChartSvg(spec);
  const png = new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    background: "white",
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
