/**
 * Vitest glue: a fresh fake GitHub for every test, closed afterwards, and the test fails if the fake
 * saw any contract violation. Import only from test files.
 */
import { afterEach, beforeEach } from "vitest";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from "./index.js";

/**
 * Registers the hooks and returns an accessor for the current test's fake.
 *
 * ```ts
 * const fake = useFakeGitHub();
 * it("comments", async () => { const f = fake(); ... });
 * ```
 */
export function useFakeGitHub(options: FakeGitHubOptions = {}): () => FakeGitHub {
  let current: FakeGitHub | undefined;
  beforeEach(async () => {
    current = await startFakeGitHub(options);
  });
  afterEach(async () => {
    const fake = current;
    current = undefined;
    if (!fake) return;
    await fake.close();
    fake.assertNoViolations();
  });
  return () => {
    if (!current) throw new Error("the fake GitHub exists only while a test runs");
    return current;
  };
}
