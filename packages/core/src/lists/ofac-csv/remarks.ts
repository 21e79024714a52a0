/**
 * @module lists/ofac-csv/remarks
 * The Remarks column of OFAC's legacy files: every detail OFAC holds beyond name, type and
 * program, written as "; "-separated segments ("DOB 25 Mar 1977; POB Wuhan City, Hubei, China;
 * Passport E51809923 (China); a.k.a. 'ZHOU, William'; Linked To: HAMAS."). Later values of the
 * same label are prefixed "alt.". Aliases in remarks are OFAC's weak AKAs (dat_spec.txt, "The
 * disposition of aliases": "weak aliases are not stored in the alt.* files ... [they] are stored
 * in the remarks field ... bracketed by quotation marks").
 */
import { addProperty } from '../../model/entity.ts';
import { addName } from '../../model/names.ts';
import { clean } from '../../model/text.ts';
import { applyIdentifierText, applyOfacDetail, isIdLabel, matchLabel, splitIdentifierText, type DetailSink } from './details.ts';
import { personParts } from './names.ts';

/** OFAC's Remarks column limit (dat_spec.txt: "Remarks text 1000"); longer remarks continue in sdn_comments.csv. */
export const REMARKS_LIMIT = 1000;

export interface RemarksOptions {
  /** The remarks were cut at the limit and no continuation was given: the last segment is incomplete and is dropped. */
  truncated?: boolean;
}

/** Splits remarks into segments, removing "alt." prefixes and the closing period. */
export function splitRemarks(remarks: string): string[] {
  const text = clean(remarks);
  if (text === '' || text === '-0-') return [];
  return text
    .split(/;\s+/)
    .map((s) => s.trim().replace(/^alt\.\s+/i, ''))
    .filter((s) => s !== '');
}

/**
 * Applies a remarks text to an entity. Returns the segment dropped as truncated, if any, so
 * the caller can name it in its warning.
 */
export function applyRemarks(sink: DetailSink, remarks: string, options: RemarksOptions = {}): string | undefined {
  // A cut that falls right after a separator leaves every segment whole.
  const cutAtSeparator = /;\s*$/.test(remarks);
  const segments = splitRemarks(remarks.replace(/;\s*$/, ''));
  let dropped: string | undefined;
  if (options.truncated && !cutAtSeparator && segments.length > 0) dropped = segments.pop();
  for (const segment of segments) applySegment(sink, segment);
  return dropped;
}

const ALIAS = /^([afn])\.k\.a\.,?\s+(.+)$/i;

/** Applies one remarks segment. Unrecognised segments are kept as notes, never dropped. */
export function applySegment(sink: DetailSink, segment: string): void {
  const alias = segment.match(ALIAS);
  if (alias) {
    let name = alias[2]!.replace(/\.$/, '').trim();
    const quoted = name.match(/^'(.*)'$/s);
    if (quoted) name = quoted[1]!;
    const parts = sink.entity.schema === 'Person' ? personParts(name) : undefined;
    addName(sink.entity, { full: name, kind: 'weak', parts });
    return;
  }
  const wallet = segment.match(/^(Digital\s+Currency\s+Address\s*-\s*[A-Za-z0-9]+)\s+(.+)$/i);
  if (wallet) {
    applyOfacDetail(sink, wallet[1]!, wallet[2]!);
    return;
  }
  const labelled = matchLabel(segment);
  if (labelled) {
    const [label, value] = labelled;
    if (isIdLabel(label)) applyIdentifierText(sink, label, value);
    // "Linked To" keeps its value verbatim: a closing period may belong to the name ("CO., LTD.").
    else applyOfacDetail(sink, label, /^linked to$/i.test(label) ? value : value.replace(/\.$/, ''));
    return;
  }
  // An unknown label followed by a number and "(Country)" is still an identifier:
  // OFAC adds ID document types over time, and their remarks form does not change.
  const { value, ...extra } = splitIdentifierText(segment);
  if (extra.country) {
    const m = value.match(/^([^\d]*?[A-Za-z.#)]+)\s+(\S*\d.*)$/);
    if (m) {
      applyOfacDetail(sink, m[1]!, m[2]!, extra);
      return;
    }
  }
  addProperty(sink.entity, 'notes', segment.replace(/\.$/, ''));
}
