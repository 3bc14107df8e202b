import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHostPacer, MAX_CRAWL_DELAY_MS, type PacerClock } from './host-pacer.ts';

/** A clock that only moves when someone sleeps, recording each sleep. */
function fakeClock(): PacerClock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('the per-host pacer', () => {
  it('lets the first request to a host start at once and spaces the next ones by the delay', async () => {
    const clock = fakeClock();
    const pacer = createHostPacer(2000, clock);
    await pacer.wait('copies.example');
    await pacer.wait('copies.example');
    await pacer.wait('copies.example');
    assert.deepEqual(clock.sleeps, [2000, 2000]);
  });

  it('paces each host on its own', async () => {
    const clock = fakeClock();
    const pacer = createHostPacer(2000, clock);
    await pacer.wait('a.example');
    await pacer.wait('B.example');
    await pacer.wait('b.example');
    assert.deepEqual(clock.sleeps, [2000]);
  });

  it('honours a longer Crawl-delay, up to its cap, and never a shorter one', async () => {
    const clock = fakeClock();
    const pacer = createHostPacer(2000, clock);
    await pacer.wait('slow.example', 5);
    await pacer.wait('slow.example', 5);
    await pacer.wait('slow.example', 0.5);
    await pacer.wait('slow.example', 0.5);
    await pacer.wait('greedy.example', 86_400);
    await pacer.wait('greedy.example', 86_400);
    assert.deepEqual(clock.sleeps, [5000, 5000, 2000, MAX_CRAWL_DELAY_MS]);
  });

  it('does not wait when the delay has already passed', async () => {
    const clock = fakeClock();
    const pacer = createHostPacer(1000, clock);
    await pacer.wait('a.example');
    await clock.sleep(5000);
    clock.sleeps.length = 0;
    await pacer.wait('a.example');
    assert.deepEqual(clock.sleeps, []);
  });
});
