import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DELIVERY_ATTEMPTS, deliveryRetryDelayMs } from './webhook-deliveries.ts';

describe('the webhook retry schedule', () => {
  it('waits four times longer after each failure, from 30 seconds up to 12 hours', () => {
    const minutes = Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => deliveryRetryDelayMs(i + 1) / 60_000);
    assert.deepEqual(minutes, [0.5, 2, 8, 32, 128, 512, 720]);
  });

  it('spreads the attempts of one delivery over most of a day, so an endpoint is disabled only after about a day of failures', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) total += deliveryRetryDelayMs(attempt);
    const hours = total / 3_600_000;
    assert.ok(hours > 20 && hours < 24, `${hours} hours`);
  });
});
