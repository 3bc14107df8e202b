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
