import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utcToZonedLocal, zonedLocalToUtc, zonedTimeAndDay } from './zoned-time.ts';

describe('zonedLocalToUtc', () => {
  it('reads Almaty wall time at UTC+6 before 1 March 2024 and UTC+5 after', () => {
    assert.equal(zonedLocalToUtc('2023-02-08T10:28', 'Asia/Almaty'), '2023-02-08T04:28:00.000Z');
    assert.equal(zonedLocalToUtc('2024-06-01T10:28', 'Asia/Almaty'), '2024-06-01T05:28:00.000Z');
  });

  it('handles a zone with daylight saving on both sides of the change', () => {
    assert.equal(zonedLocalToUtc('2025-07-01T12:00', 'Europe/London'), '2025-07-01T11:00:00.000Z');
    assert.equal(zonedLocalToUtc('2025-12-01T12:00', 'Europe/London'), '2025-12-01T12:00:00.000Z');
  });

  it('refuses a malformed value', () => {
    assert.equal(zonedLocalToUtc('tomorrow', 'Asia/Almaty'), null);
  });
});

describe('utcToZonedLocal', () => {
  it('is the inverse of zonedLocalToUtc', () => {
    for (const local of ['2023-02-08T10:28', '2024-06-01T23:59', '2026-01-01T00:00']) {
      assert.equal(utcToZonedLocal(zonedLocalToUtc(local, 'Asia/Almaty')!, 'Asia/Almaty'), local);
    }
  });
});

describe('zonedTimeAndDay', () => {
  it('says the time and the day in the site zone, the month in the reader\'s language', () => {
    assert.deepEqual(zonedTimeAndDay('2026-11-27T09:32:00.000Z', 'Asia/Almaty', 'en-GB'), { time: '14:32', day: '27 Nov' });
    assert.deepEqual(zonedTimeAndDay('2026-11-27T20:05:00.000Z', 'Asia/Almaty', 'en-GB'), { time: '01:05', day: '28 Nov' });
    assert.deepEqual(zonedTimeAndDay('2026-11-27T09:32:00.000Z', 'Asia/Almaty', 'ru'), { time: '14:32', day: '27 нояб.' });
  });
});
