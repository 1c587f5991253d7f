/** The Chart.js browser build, read from node_modules to be inlined: the report works offline. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let source: string | undefined;

/** The UMD build (defines the global `Chart`), checked to be safe inside a <script> element. */
export function chartJsSource(): string {
  if (source === undefined) {
    // The package exports no subpaths; its main entry sits next to the UMD build in dist/.
    const main = createRequire(import.meta.url).resolve("chart.js");
    const text = readFileSync(join(dirname(main), "chart.umd.js"), "utf8");
    // Either sequence would end or derail the inline <script> early; no release has had one.
    if (/<\/script|<!--/i.test(text))
      throw new Error("chart.umd.js cannot be inlined: it contains </script or <!--");
    source = text;
  }
  return source;
}
