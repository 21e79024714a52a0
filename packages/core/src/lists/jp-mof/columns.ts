/**
 * @module lists/jp-mof/columns
 * The column titles of the MOF workbook and what each holds. Each program sheet has its own
 * header row (the one whose first cell reads 告示日付), and the titles vary between sheets,
 * some with spaces between every character ("日 本 語 表 記") or full-width letters ("ＩＤ番号").
 * Titles are compared without white space and after NFKC. The list of variants follows the
 * OpenSanctions crawler's column table (datasets/jp/mof_sanctions/jp_mof_sanctions.yml,
 * `lookups.columns`), which is maintained against the live file.
 */

export type Field =
  | 'noticeDate'
  | 'number'
  | 'nameJa'
  | 'nameEn'
  | 'alias'
  | 'formerName'
  | 'weakAlias'
  | 'title'
  | 'position'
  | 'birthDate'
  | 'birthDatePlace'
  | 'birthPlace'
  | 'nationality'
  | 'passport'
  | 'idNumber'
  | 'address'
  | 'activityArea'
  | 'phone'
  | 'fax'
  | 'notes'
  | 'reason'
  | 'listingDate'
  | 'unDesignationDate'
  | 'unReference';

const TITLES: [Field, string[]][] = [
  ['noticeDate', ['告示日付']],
  ['number', ['番号', '告示番号']],
  ['nameJa', ['日本語表記']],
  ['nameEn', ['英語表記']],
  ['alias', ['別名', '別称', '別名・別称', '別称・別名', '別称・旧称', '確定可能な別名']],
  ['formerName', ['旧称', '旧称・以前の呼称', '過去の別名', '以前の別名']],
  ['weakAlias', ['確定に十分でない別名']],
  ['title', ['称号']],
  ['position', ['役職', '肩書', '肩書等']],
  ['birthDate', ['生年月日']],
  ['birthDatePlace', ['生年月日・出生地']],
  ['birthPlace', ['出生地', '出生地・出身地']],
  ['nationality', ['国籍']],
  ['passport', ['旅券番号']],
  ['idNumber', ['身分登録番号', 'ID番号', '身分証番号']],
  ['address', ['住所', '住所・所在地', '住所等', '所在地', '所在地・住所', '活動地域・住所', '所在地・住所登録された事務所の住所']],
  ['activityArea', ['活動地域']],
  ['phone', ['電話', '電話番号']],
  ['fax', ['FAX']],
  ['notes', ['その他の情報', '詳細']],
  ['reason', ['指定の根拠', '決議1483上の根拠']],
  ['listingDate', ['リスト掲載日']],
  ['unDesignationDate', ['国連制裁委員会による指定日', '国連制裁員会による指定日']],
  ['unReference', ['国連参照番号']],
];

const BY_TITLE = new Map<string, Field>();
for (const [field, titles] of TITLES) for (const t of titles) BY_TITLE.set(normaliseTitle(t), field);

/** A header cell as compared: NFKC, no white space of any width. */
export function normaliseTitle(title: string): string {
  return title.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

/** The field a header cell names, or undefined for a title this parser does not know. */
export function fieldOf(title: string): Field | undefined {
  return BY_TITLE.get(normaliseTitle(title));
}

/** Whether a row is a header row: its first non-empty cell reads 告示日付 (notice date). */
export function isHeaderRow(cells: readonly string[]): boolean {
  const first = cells.find((c) => c.trim() !== '');
  return first !== undefined && normaliseTitle(first).includes('告示日付');
}
