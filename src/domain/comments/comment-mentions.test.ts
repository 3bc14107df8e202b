import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findMentions, handleOf, segmentComment, type Colleague } from './comment-mentions.ts';

const aigerim: Colleague = { id: 1, name: 'Aigerim Bekova', handle: 'aigerim.b', isDisabled: false };
const aigerimToo: Colleague = { id: 2, name: 'Aigerim', handle: 'aigerim', isDisabled: false };
const dana: Colleague = { id: 3, name: 'Дана Сейт', handle: 'dana', isDisabled: true };
const twinA: Colleague = { id: 4, name: 'Marat Ospanov', handle: 'marat', isDisabled: false };
const twinB: Colleague = { id: 5, name: 'Marat Ospanov', handle: 'marat.o', isDisabled: false };
const everyone = [aigerim, aigerimToo, dana, twinA, twinB];

describe('findMentions', () => {
  it('takes the longest name that fits, in any letter case, then the handle', () => {
    assert.deepEqual(findMentions('@aigerim bekova and @Aigerim, see @aigerim.b.', everyone), {
      mentions: [
        { userId: 1, text: '@aigerim bekova' },
        { userId: 2, text: '@Aigerim' },
        { userId: 1, text: '@aigerim.b' },
      ],
      problems: [],
    });
  });

  it('names a disabled colleague, an unknown one and an ambiguous name as problems', () => {
    assert.deepEqual(findMentions('@дана сейт, @ghost and @Marat Ospanov; @marat.o is fine', everyone), {
      mentions: [{ userId: 5, text: '@marat.o' }],
      problems: [
        { text: '@дана сейт', reason: 'disabled' },
        { text: '@ghost', reason: 'unknown' },
        { text: '@Marat Ospanov', reason: 'ambiguous' },
      ],
    });
  });

  it('ignores email addresses, a lone @ and a name that runs on into a longer word', () => {
    assert.deepEqual(findMentions('mail press@aigerim.b, meet @ 5, @Aigerimova', everyone), {
      mentions: [],
      problems: [{ text: '@Aigerimova', reason: 'unknown' }],
    });
  });
});

describe('handleOf', () => {
  it('is the lower-cased part of the address before the last @', () => {
    assert.equal(handleOf('Aigerim.B@Newsroom.kz'), 'aigerim.b');
  });
});

describe('segmentComment', () => {
  it('marks the stored mention texts and keeps everything else as plain text', () => {
    assert.deepEqual(segmentComment('Ask @Aigerim Bekova, not me@aigerim.b.', [{ userId: 1, text: '@aigerim bekova' }]), [
      { text: 'Ask ' },
      { text: '@Aigerim Bekova', userId: 1 },
      { text: ', not me@aigerim.b.' },
    ]);
  });
});
