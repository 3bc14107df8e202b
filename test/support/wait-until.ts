/** Polls `check` every 10 ms until it answers something truthy (work done in the background of a request); throws after ~20 s. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let tries = 0; tries < 2000; tries++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Gave up waiting for ${what}`);
}
