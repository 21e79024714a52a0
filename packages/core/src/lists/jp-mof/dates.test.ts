// Japanese dates, notice dates and sheet classification as the MOF list writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eraToGregorian, parseJapaneseDate, splitDateCell } from './dates.ts';
import { classify, noticeDates } from './index.ts';

test('Gregorian Japanese dates, with and without 日, and full-width digits', () => {
  assert.deepEqual(parseJapaneseDate('1952年10月7日'), { date: '1952-10-07' });
  assert.deepEqual(parseJapaneseDate('1952年10月7'), { date: '1952-10-07' });
  assert.deepEqual(parseJapaneseDate('１９５２年１０月７日'), { date: '1952-10-07' });
  assert.deepEqual(parseJapaneseDate('1952年10月'), { date: '1952-10' });
  assert.deepEqual(parseJapaneseDate('1952年'), { date: '1952' });
  assert.deepEqual(parseJapaneseDate('1952年10月7日生'), { date: '1952-10-07' });
  assert.deepEqual(parseJapaneseDate('1952-10-07'), { date: '1952-10-07' });
  assert.deepEqual(parseJapaneseDate('2007.7.13'), { date: '2007-07-13' });
});

test('Japanese eras (和暦), including 元年', () => {
  assert.equal(eraToGregorian('昭和27年10月7日'), '1952年10月7日');
  assert.deepEqual(parseJapaneseDate('昭和27年10月7日'), { date: '1952-10-07' });
  assert.deepEqual(parseJapaneseDate('平成元年1月8日'), { date: '1989-01-08' });
  assert.deepEqual(parseJapaneseDate('令和2年'), { date: '2020' });
  assert.deepEqual(parseJapaneseDate('大正15年'), { date: '1926' });
});

test('approximate dates and ranges', () => {
  assert.deepEqual(parseJapaneseDate('1975年頃'), { date: '1975', circa: true });
  assert.deepEqual(parseJapaneseDate('おおよそ1970年'), { date: '1970', circa: true });
  assert.deepEqual(parseJapaneseDate('1958年から1963年の間'), { from: '1958', to: '1963' });
  assert.deepEqual(parseJapaneseDate('1972年から1973年までの間'), { from: '1972', to: '1973' });
  assert.deepEqual(parseJapaneseDate('1955年-1958年頃'), { from: '1955', to: '1958', circa: true });
  assert.deepEqual(parseJapaneseDate('1937年~1945年'), { from: '1937', to: '1945' });
});

test('unreadable dates are undefined, never guessed', () => {
  assert.equal(parseJapaneseDate('1983年2(3)月10日'), undefined);
  assert.equal(parseJapaneseDate('1983年23月10'), undefined);
  assert.equal(parseJapaneseDate('おおむね30~35歳'), undefined);
  assert.equal(parseJapaneseDate(''), undefined);
});

test('a date cell splits on line breaks, 、, ；, 又は, and drops 不明', () => {
  assert.deepEqual(splitDateCell('1961年1月1日\n1962年3月4日'), ['1961年1月1日', '1962年3月4日']);
  assert.deepEqual(splitDateCell('1961年、1962年又は1963年'), ['1961年', '1962年', '1963年']);
  assert.deepEqual(splitDateCell('不明'), []);
});

test('notice dates: listing dates and 改訂 revisions', () => {
  assert.deepEqual(noticeDates('2022.3.1 2008.6.25改訂'), { listed: ['2022-03-01'], revised: ['2008-06-25'] });
  assert.deepEqual(noticeDates('2022-03-08'), { listed: ['2022-03-08'], revised: [] });
  assert.deepEqual(noticeDates('令和4年3月8日'), { listed: ['2022-03-08'], revised: [] });
  assert.deepEqual(noticeDates('unknown'), { listed: [], revised: [] });
});

test('sheet names and program titles say individuals or organisations', () => {
  assert.equal(classify('29.ロシア連邦(個人)'), 'Person');
  assert.equal(classify('28.ロシア連邦(団体(特定銀行を除く))'), 'Organization');
  assert.equal(classify('30.ロシア連邦(特定銀行）'), 'Organization');
  assert.equal(classify('資産凍結等の措置の対象となるロシア連邦の団体及び個人（団体（特定銀行を除く））'), 'Organization');
  assert.equal(classify('資産凍結等の措置の対象となるロシア連邦の団体及び個人（個人）'), 'Person');
  assert.equal(classify('コンゴ民主共和国に対する武器禁輸措置等に違反した者等（団体とその他のグループ）'), 'Organization');
  assert.equal(classify('テロリスト等 / 米国等が資産凍結等の措置を実施した個人及び団体'), undefined);
  assert.equal(classify('リビアのカダフィ革命指導者及びその関係者 （Ⅱ その他の個人又は団体）'), undefined);
  assert.equal(classify('2.タリバーン関係者等'), undefined);
});
