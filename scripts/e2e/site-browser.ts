/**
 * Test helper: the system's Chromium (Debian's `chromium` package, never a downloaded browser build)
 * driven by playwright-core, plus the layout check of the site's browser tests.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Where Debian installs Chromium; `.ci/run` installs it before the tests. */
const CHROMIUM = process.env.ONCALL_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Whether the browser tests can run. Missing Chromium skips them locally with a message, but fails
 * them in CI (CI=true), where `.ci/run` must have installed it.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === "true")
    throw new Error(
      `${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium); ` +
        "the site's browser tests must run in CI.",
    );
  console.warn(`Skipping the site's browser tests: ${CHROMIUM} is missing (apt-get install chromium to run them).`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

// Browser-side code as text (the project compiles without the DOM library).
const BOX = `(() => {
  const main = document.querySelector("main");
  const r = main && main.getBoundingClientRect();
  return {
    main: main ? { width: r.width, height: r.height, text: (main.textContent || "").trim().length } : null,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  };
})()`;
/** The share of sampled pixels that differ from the commonest colour, measured in the browser's canvas. */
const VARIETY = `(async () => {
  const img = new Image();
  img.src = "data:image/png;base64,PNG";
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 16) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return 1 - Math.max(...counts.values()) / (data.length / 16);
})()`;

/** What is wrong with the layout of the page as shown: empty, blank or wider than the viewport. */
export async function layoutProblems(page: Page, screenshot: Buffer): Promise<string[]> {
  const problems: string[] = [];
  const box = (await page.evaluate(BOX)) as {
    main: { width: number; height: number; text: number } | null;
    scrollWidth: number;
    clientWidth: number;
  };
  if (!box.main) problems.push("no <main> element");
  else {
    if (box.main.height < 150 || box.main.width < 200)
      problems.push(`main content box is ${Math.round(box.main.width)}x${Math.round(box.main.height)} px`);
    if (box.main.text < 40) problems.push(`main content has ${box.main.text} characters of text`);
  }
  if (box.scrollWidth > box.clientWidth + 1)
    problems.push(`the page scrolls sideways: ${box.scrollWidth} px wide in a ${box.clientWidth} px viewport`);
  // The share of pixels that differ from the commonest colour, measured in the browser's own canvas.
  const varied = (await page.evaluate(VARIETY.replace("PNG", screenshot.toString("base64")))) as number;
  if (varied < 0.02)
    problems.push(`the screenshot is nearly one colour (${(varied * 100).toFixed(2)}% of pixels differ)`);
  return problems;
}
