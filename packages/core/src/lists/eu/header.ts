/**
 * @module lists/eu/header
 * Checks the FSF file's root element (`<export generationDate=… xmlns=…>`), whose attributes
 * streamXml hands over through its onRoot hook.
 */
import { CoreErrors } from '../../errors.ts';

/** Root attributes as written (prefixed names kept: `xmlns`, `xmlns:xsi`). */
export type RootAttributes = Record<string, string>;

/** The FSF export namespace (root `xmlns` of every published file). */
export const FSF_NAMESPACE = 'http://eu.europa.ec/fpi/fsd/export';

/**
 * Checks the root's namespace: a file whose root is `export` but in another namespace is some
 * other export, not the EU list. A root without a namespace declaration is accepted (hand-made
 * extracts drop it; the element names still have to match).
 */
export function checkNamespace(rootName: string, attrs: RootAttributes, fileName: string): void {
  const colon = rootName.indexOf(':');
  const ns = attrs[colon < 0 ? 'xmlns' : `xmlns:${rootName.slice(0, colon)}`];
  if (ns !== undefined && ns !== FSF_NAMESPACE) {
    throw CoreErrors.LIST_FORMAT(`the root element is in namespace "${ns}", not the EU Financial Sanctions Files namespace ${FSF_NAMESPACE}`, { file: fileName, position: 'line 1' });
  }
}
