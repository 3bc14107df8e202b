import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDatelineDate, isValidTimeZone, placeLabel, toZonedIso, zoneOffsetMinutes } from './dateline.ts';

describe('datelines in Asia/Almaty', () => {
  const astana = { city: 'Astana', country: 'Kazakhstan' };

  it('reads UTC+6 before 1 March 2024', () => {
    assert.equal(formatDatelineDate('2023-02-08T04:28:00.000Z', 'Asia/Almaty'), '08 February, 2023 | 10:28');
    assert.equal(toZonedIso('2023-02-08T04:28:00.000Z', 'Asia/Almaty'), '2023-02-08T10:28:00+06:00');
  });

  it('reads UTC+5 from 1 March 2024', () => {
    assert.equal(formatDatelineDate('2024-03-01T04:28:00.000Z', 'Asia/Almaty'), '01 March, 2024 | 09:28');
    assert.equal(toZonedIso('2024-03-01T04:28:00.000Z', 'Asia/Almaty'), '2024-03-01T09:28:00+05:00');
  });

  it('handles zones west of UTC and with quarter hours', () => {
    assert.equal(toZonedIso('2024-06-01T04:28:00.000Z', 'America/New_York'), '2024-06-01T00:28:00-04:00');
    assert.equal(zoneOffsetMinutes(Date.parse('2024-06-01T04:28:00Z'), 'Asia/Kathmandu'), 345);
  });

  it('names a place as "City, Country"', () => {
    assert.equal(placeLabel(astana), 'Astana, Kazakhstan');
  });

  it('knows real zone names from made-up ones', () => {
    assert.equal(isValidTimeZone('Asia/Aqtobe'), true);
    assert.equal(isValidTimeZone('Asia/Nowhere'), false);
  });
});

describe('zone offsets on days with a transition', () => {
  /** The offset as Intl names it ("GMT-04:00"), a way of reading it the module does not use. */
  function namedOffsetMinutes(epochMs: number, timeZone: string): number {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')!.value;
    const match = /^GMT([+-])(\d\d):(\d\d)$/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  }

  // Each zone's transition instant, and the UTC days around it; the day's end is asked first, so
  // what is remembered for the day cannot be the offset before the transition.
  const transitions = [
    { zone: 'America/New_York', at: '2024-03-10T07:00:00Z', before: -300, after: -240 },
    { zone: 'America/New_York', at: '2024-11-03T06:00:00Z', before: -240, after: -300 },
    { zone: 'Europe/London', at: '2024-03-31T01:00:00Z', before: 0, after: 60 },
    { zone: 'Australia/Lord_Howe', at: '2024-04-06T15:00:00Z', before: 660, after: 630 },
    { zone: 'Asia/Almaty', at: '2024-02-29T18:00:00Z', before: 360, after: 300 },
  ];

  for (const { zone, at, before, after } of transitions) {
    it(`reads ${zone} on either side of ${at}`, () => {
      const instant = Date.parse(at);
      const dayStart = Math.floor(instant / 86_400_000) * 86_400_000;
      assert.equal(zoneOffsetMinutes(dayStart + 86_400_000 - 1, zone), after);
      assert.equal(zoneOffsetMinutes(instant - 1000, zone), before);
      assert.equal(zoneOffsetMinutes(instant, zone), after);
      assert.equal(zoneOffsetMinutes(dayStart, zone), before);
      // Every 5 minutes of the day before, of the day and of the day after, as Intl names it.
      for (let t = dayStart - 86_400_000; t < dayStart + 2 * 86_400_000; t += 5 * 60_000 + 7_000) {
        assert.equal(zoneOffsetMinutes(t, zone), namedOffsetMinutes(t, zone), new Date(t).toISOString());
      }
    });
  }

  it('writes datelines either side of a transition within one UTC day', () => {
    assert.equal(toZonedIso('2024-03-10T06:59:00.000Z', 'America/New_York'), '2024-03-10T01:59:00-05:00');
    assert.equal(toZonedIso('2024-03-10T07:01:00.000Z', 'America/New_York'), '2024-03-10T03:01:00-04:00');
    assert.equal(toZonedIso('2024-03-10T23:00:00.000Z', 'America/New_York'), '2024-03-10T19:00:00-04:00');
    assert.equal(toZonedIso('2024-03-10T00:30:00.000Z', 'America/New_York'), '2024-03-09T19:30:00-05:00');
  });
});
