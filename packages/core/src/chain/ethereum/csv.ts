/**
 * @module chain/ethereum/csv
 * Splits one CSV record into fields (RFC 4180: comma-separated, fields optionally in double
 * quotes, a quote inside a quoted field doubled). ethereum-etl writes its CSV exports with
 * Python's csv module, which follows these rules; a quoted field may span lines, so the caller
 * joins lines while `quotesOpen` says a record is unfinished.
 */

/** Whether a record's text ends inside a quoted field (an odd number of quotes so far). */
export function quotesOpen(text: string): boolean {
  let open = false;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) open = !open;
  return open;
}

/** The fields of one CSV record, or null when a quote is misplaced (text after a closing quote). */
export function splitCsvRecord(text: string): string[] | null {
  if (!text.includes('"')) return text.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 0x22) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return null;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 0x22) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text.charCodeAt(i) !== 0x2c) return null;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? text.length : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) return null;
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}
