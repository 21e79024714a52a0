import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEGAL_FORMS, legalFormCode, legalFormFamily, splitJapaneseLegalForm } from './legal-forms.ts';

test('legalFormCode recognises a whole string as a form, in any script or spelling', () => {
  const cases: [string, string | undefined][] = [
    ['OOO', 'llc'],
    ['ООО', 'llc'],
    ["Obshchestvo s Ogranichennoy Otvetstvennost'yu", 'llc'],
    ['общество с ограниченной ответственностью', 'llc'],
    ['LLC', 'llc'],
    ['ПАО', 'pjsc'],
    ['Public Joint Stock Company', 'pjsc'],
    ['ЗАО', 'cjsc'],
    ['АО', 'jsc'],
    ['ТОО', 'llp'],
    ['ИП', 'ip'],
    ['Pte. Ltd.', 'pte'],
    ['Co., Ltd.', 'ltd'],
    ['GmbH', 'gmbh'],
    ['GmbH & Co. KG', 'kg'],
    ['s.r.o.', 'sro'],
    ['Sp. z o.o.', 'spzoo'],
    ['OÜ', 'ou'],
    ['A.Ş.', 'as'],
    ['ЕООД', 'eood'],
    ['株式会社', 'kk'],
    ['(株)', 'kk'],
    ['㈱', 'kk'],
    ['有限会社', 'yk'],
    ['㈲', 'yk'],
    ['合同会社', 'gk'],
    ['特定非営利活動法人', 'npo'],
    ['有限公司', 'ltd'],
    ['ش.ذ.م.م', 'llc'],
    ['Bitriver', undefined],
    ['Bank', undefined],
    ['', undefined],
  ];
  for (const [text, code] of cases) assert.equal(legalFormCode(text), code, text);
});

test('families group forms whose translations are used for one another', () => {
  assert.equal(legalFormFamily('kk'), legalFormFamily('ltd')); // 株式会社 is rendered "Co., Ltd."
  assert.equal(legalFormFamily('llc'), legalFormFamily('jsc'));
  assert.equal(legalFormFamily('ip'), 'sole');
  assert.equal(legalFormFamily('fgup'), 'state');
  assert.equal(legalFormFamily('ano'), 'nonprofit');
  assert.equal(legalFormFamily('nope'), undefined);
  for (const def of LEGAL_FORMS) assert.equal(legalFormFamily(def.code), LEGAL_FORMS.find((d) => d.code === def.code)!.family, def.code);
});

test('splitJapaneseLegalForm strips one attached form, leading or trailing', () => {
  assert.deepEqual(splitJapaneseLegalForm('株式会社ビットリバー'), { name: 'ビットリバー', form: 'kk', formText: '株式会社' });
  assert.deepEqual(splitJapaneseLegalForm('ビットリバー株式会社'), { name: 'ビットリバー', form: 'kk', formText: '株式会社' });
  assert.deepEqual(splitJapaneseLegalForm('㈱ビットリバー'), { name: 'ビットリバー', form: 'kk', formText: '(株)' });
  assert.deepEqual(splitJapaneseLegalForm('（株）ビットリバー'), { name: 'ビットリバー', form: 'kk', formText: '(株)' });
  assert.deepEqual(splitJapaneseLegalForm('株式会社　ビットリバー'), { name: 'ビットリバー', form: 'kk', formText: '株式会社' });
  assert.equal(splitJapaneseLegalForm('合同会社DMM.com').form, 'gk');
  assert.equal(splitJapaneseLegalForm('一般社団法人日本暗号資産取引業協会').form, 'ippan-shadan');
  assert.equal(splitJapaneseLegalForm('NPO法人ABC').form, 'npo');
  assert.equal(splitJapaneseLegalForm('特定非営利活動法人ABC').form, 'npo');
  assert.equal(splitJapaneseLegalForm('医療法人社団ABC').form, 'iryo-hojin');
  // Zengin bank-account abbreviations in half-width katakana.
  assert.deepEqual(splitJapaneseLegalForm('ｶ)ﾋﾞｯﾄﾘﾊﾞｰ'), { name: 'ビットリバー', form: 'kk', formText: 'カ)' });
  assert.deepEqual(splitJapaneseLegalForm('ﾋﾞｯﾄﾘﾊﾞｰ(ｶ'), { name: 'ビットリバー', form: 'kk', formText: '(カ' });
  assert.equal(splitJapaneseLegalForm('ﾄｸﾋ)ｱｲｳ').form, 'npo');
  // Chinese and Korean forms written the same way.
  assert.equal(splitJapaneseLegalForm('深圳市腾讯计算机系统有限公司').name, '深圳市腾讯计算机系统');
  assert.equal(splitJapaneseLegalForm('台灣積體電路製造股份有限公司').form, 'jsc');
  assert.equal(splitJapaneseLegalForm('삼성전자주식회사').form, 'kk');
  // Nothing to strip.
  assert.deepEqual(splitJapaneseLegalForm('株式会社'), { name: '株式会社' });
  assert.deepEqual(splitJapaneseLegalForm('ビットリバー'), { name: 'ビットリバー' });
  assert.deepEqual(splitJapaneseLegalForm(''), { name: '' });
});
