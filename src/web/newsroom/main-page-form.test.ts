import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Invalid } from '#src/lib/errors.ts';
import type { MainPageLayout } from '#src/domain/curation/curation-schema.ts';
import { blockRows, layoutFormValues, layoutFromForm } from './main-page-form.ts';

const rows = blockRows([4, 5, 6]);

describe('the Main Page curation form', () => {
  it('orders the shown blocks by position, keeps pins in slot order and names the form field of each', () => {
    const values = {
      top: '12',
      'show-latest': 'on',
      'position-latest': '2',
      'show-5': 'on',
      'position-5': '1',
      'pin-5-0': '',
      'pin-5-1': '31',
      'pin-5-2': '30',
      'show-6': '',
      'position-6': '1',
      'spin-6-2': '60',
      note: 'Evening',
    };
    const { layout, fieldOf } = layoutFromForm(values, rows, 'Asia/Almaty');
    assert.deepEqual(layout, {
      topStoryId: 12,
      banner: null,
      blocks: [
        { kind: 'section', sectionId: 5, pins: [31, 30] },
        { kind: 'latest', pins: [] },
      ],
      sectionPins: [{ sectionId: 6, pins: [60] }],
    });
    assert.equal(fieldOf.get('layout.blocks.0.pins.0'), 'pin-5-1');
    assert.equal(fieldOf.get('layout.blocks.0.pins.1'), 'pin-5-2');
    assert.equal(fieldOf.get('layout.sectionPins.0.pins.0'), 'spin-6-2');
  });

  it('reads the banner’s end in the site’s zone, and keeps a banner without text for the service to refuse', () => {
    const { layout } = layoutFromForm({ bannerText: '', bannerUrl: '', bannerEnds: '2026-12-01T20:00' }, rows, 'Asia/Almaty');
    assert.deepEqual(layout.banner, { text: '', url: '', endsAt: '2026-12-01T15:00:00.000Z' });
  });

  it('refuses a malformed position, picker or end naming the form field', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'show-4': 'on', 'position-4': 'first' }, 'position-4'],
      [{ top: '12; drop table' }, 'top'],
      [{ bannerText: 'Storm', bannerEnds: 'tomorrow' }, 'bannerEnds'],
    ];
    for (const [values, field] of cases) {
      assert.throws(() => layoutFromForm(values, rows, 'UTC'), (error: unknown) => error instanceof Invalid && error.field === field);
    }
  });

  it('shows a saved layout as the form it came from', () => {
    const layout: MainPageLayout = {
      topStoryId: 12,
      banner: { text: 'Storm', url: '/weather', endsAt: '2026-12-01T15:00:00.000Z' },
      blocks: [
        { kind: 'section', sectionId: 5, pins: [31] },
        { kind: 'latest', pins: [] },
      ],
      sectionPins: [{ sectionId: 6, pins: [60] }],
    };
    const values = layoutFormValues(layout, rows, 'Asia/Almaty');
    assert.equal(values.bannerEnds, '2026-12-01T20:00');
    assert.deepEqual(layoutFromForm(values, rows, 'Asia/Almaty').layout, layout);
  });
});
