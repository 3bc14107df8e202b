import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calendarSpan } from './desk-pages.tsx';

describe('the editorial calendar’s span', () => {
  it('is the Monday-to-Sunday week of the date, with the weeks either side', () => {
    assert.deepEqual(calendarSpan('week', '2026-12-03', '2026-12-01'), {
      view: 'week',
      days: ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'],
      previous: '2026-11-23',
      next: '2026-12-07',
      today: '2026-12-01',
    });
    assert.equal(calendarSpan('week', '2026-12-06', '2026-12-01').days[0], '2026-11-30', 'a Sunday belongs to the week before it');
  });

  it('is one day, today when no date is given, across a month’s end', () => {
    assert.deepEqual(calendarSpan('day', undefined, '2026-11-30'), { view: 'day', days: ['2026-11-30'], previous: '2026-11-29', next: '2026-12-01', today: '2026-11-30' });
  });
});
