/**
 * @module lists/ofac-csv/names
 * OFAC writes an individual's name as "LAST, Given Names" in every legacy format (the XML
 * gives the same split as lastName/firstName). The part after the comma is kept whole as
 * firstName, as OFAC's own XML does: OFAC does not say which given name is a middle name, and
 * "Abdul Salah" is not one.
 */
import type { NameParts } from '../../model/entity.ts';
import { clean } from '../../model/text.ts';

/** Name parts of an OFAC individual's name, or undefined when it has no "LAST, Given" form. */
export function personParts(name: string): NameParts | undefined {
  const i = name.indexOf(',');
  if (i < 0) return undefined;
  const lastName = clean(name.slice(0, i));
  const firstName = clean(name.slice(i + 1));
  if (!lastName || !firstName) return undefined;
  return { lastName, firstName };
}

/** The whole name as OFAC renders parts in its delimited and text files: "LAST, Given". */
export function ofacFullName(lastName: string | undefined, firstName: string | undefined): string {
  const last = clean(lastName);
  const first = clean(firstName);
  if (last && first) return `${last}, ${first}`;
  return last || first;
}
