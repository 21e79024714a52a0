/**
 * @module lists/ofac-xml/parser
 * OFAC's legacy XML (sdn.xml, consolidated.xml; schema sdn.xsd, namespace
 * http://tempuri.org/sdnList.xsd, since 2024 also served from sanctionslistservice.ofac.treas.gov
 * under another namespace with the same elements). One <sdnEntry> per listing: uid, firstName,
 * lastName, title, sdnType, remarks, programList, idList, akaList, addressList, nationalityList,
 * citizenshipList, dateOfBirthList, placeOfBirthList, vesselInfo. The idList carries the same
 * labelled details as the CSV remarks (identifiers, wallets "Digital Currency Address - XBT",
 * Gender, Website, sanctions notes), so both formats share one label table (../ofac-csv).
 *
 * Two passes over the file, like the CSV parser: the first collects primary names (for
 * "Linked To: NAME" in remarks), the second yields entities. Memory is bounded by one entry.
 */
import { CoreErrors } from '../../errors.ts';
import { addProperty, newEntity, type Entity, type Schema } from '../../model/entity.ts';
import { addName } from '../../model/names.ts';
import { addDate, isoDate } from '../../model/dates.ts';
import { addIdentifier, makeIdentifier } from '../../model/identifiers.ts';
import { clean } from '../../model/text.ts';
import { child, children, childText, streamXml, type XmlNode } from '../shared/xml.ts';
import type { ListFile, ParseContext } from '../types.ts';
import { addCountry, applyOfacDetail, applyRemarks, ofacFullName, PrimaryNameIndex, readOfacDate, resolveLinks, type DetailSink } from '../ofac-csv/index.ts';

const FORMAT = 'OFAC legacy XML (sdn.xml / consolidated.xml)';

function stream(file: ListFile) {
  return streamXml(file, {
    roots: ['sdnList'],
    select: (path) => path.length === 2 && (path[1] === 'sdnEntry' || path[1] === 'publshInformation'),
    formatName: FORMAT,
  });
}

/** sdnType → schema (sdn.xsd: Individual, Entity, Vessel, Aircraft). */
function schemaOf(type: string): Schema | undefined {
  switch (type.toLowerCase()) {
    case 'individual':
      return 'Person';
    case 'entity':
    case '':
      return 'Organization';
    case 'vessel':
      return 'Vessel';
    case 'aircraft':
      return 'Aircraft';
    default:
      return undefined;
  }
}

/** Publish_Date is MM/DD/YYYY in OFAC's files. */
function publishDate(text: string): string | undefined {
  const m = text.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (!m) return undefined;
  return isoDate(+m[3]!, +m[1]!, +m[2]!);
}

function entryName(node: XmlNode): string {
  return ofacFullName(childText(node, 'lastName'), childText(node, 'firstName'));
}

/** Parses one legacy XML file into entities. */
export async function* parseOfacXmlFile(file: ListFile, ctx: ParseContext): AsyncGenerator<Entity> {
  const index = new PrimaryNameIndex();
  let entries = 0;
  let recordCount: number | undefined;
  const seenWarnings = new Set<string>();
  for await (const node of stream(file)) {
    if (node.name === 'publshInformation') {
      const count = childText(node, 'Record_Count');
      if (/^\d+$/.test(count)) recordCount = +count;
      continue;
    }
    const uid = childText(node, 'uid');
    if (!/^\d+$/.test(uid)) throw CoreErrors.LIST_PARSE(`malformed ${FORMAT}: an <sdnEntry> has no numeric <uid> ("${uid.slice(0, 20)}")`, { file: file.name, position: `line ${node.line}` });
    index.add(entryName(node), `ofac:${uid}`);
    entries++;
  }
  if (entries === 0) throw CoreErrors.LIST_EMPTY(`the file has no <sdnEntry> elements`, { file: file.name });
  // Record_Count is OFAC's own count of the entries: a well-formed file with fewer is not the whole list.
  if (recordCount !== undefined && recordCount !== entries) {
    throw CoreErrors.LIST_PARSE(`the file states Record_Count ${recordCount} but holds ${entries} <sdnEntry> elements`, { file: file.name });
  }

  for await (const node of stream(file)) {
    if (node.name === 'publshInformation') {
      const raw = childText(node, 'Publish_Date');
      const date = publishDate(raw);
      if (date) ctx.setIssueDate(date);
      else if (raw) ctx.warn({ code: 'bad-date', message: `unreadable Publish_Date "${raw}"`, file: file.name });
      continue;
    }
    const id = `ofac:${childText(node, 'uid')}`;
    const warn: DetailSink['warn'] = (code, message) => {
      if (code === 'unknown-country') {
        if (seenWarnings.has(message)) return;
        seenWarnings.add(message);
      }
      ctx.warn({ code, message, file: file.name, position: `line ${node.line}`, entityId: id });
    };
    yield buildEntity(node, id, index, warn);
  }
}

function buildEntity(node: XmlNode, id: string, index: PrimaryNameIndex, warn: DetailSink['warn']): Entity {
  const type = childText(node, 'sdnType');
  let schema = schemaOf(type);
  if (!schema) {
    warn('unknown-type', `sdnType "${type}" is not one of sdn.xsd's (Individual, Entity, Vessel, Aircraft); read as an organization`);
    schema = 'Organization';
  }
  const entity = newEntity(id, schema);
  const sink: DetailSink = { entity, links: [], warn };
  const isPerson = schema === 'Person';
  const parts = (n: XmlNode) => {
    const lastName = childText(n, 'lastName');
    const firstName = childText(n, 'firstName');
    return isPerson && lastName && firstName ? { lastName, firstName } : undefined;
  };

  addName(entity, { full: entryName(node), kind: 'primary', parts: parts(node) });
  addProperty(entity, 'position', childText(node, 'title'));
  for (const p of children(child(node, 'programList'), 'program')) addProperty(entity, 'program', p.text);

  for (const item of children(child(node, 'idList'), 'id')) {
    applyOfacDetail(sink, childText(item, 'idType'), childText(item, 'idNumber'), {
      country: childText(item, 'idCountry') || undefined,
      issued: childText(item, 'issueDate') || undefined,
      expires: childText(item, 'expirationDate') || undefined,
    });
  }

  // sdn.xsd: aka/type is "a.k.a." or "f.k.a." (also "n.k.a."), aka/category "strong" or "weak".
  for (const aka of children(child(node, 'akaList'), 'aka')) {
    const akaType = childText(aka, 'type').toLowerCase().replace(/\./g, '');
    const weak = childText(aka, 'category').toLowerCase() === 'weak';
    const kind = weak ? 'weak' : akaType === 'fka' ? 'fka' : 'aka';
    addName(entity, { full: entryName(aka), kind, parts: parts(aka) });
  }

  for (const a of children(child(node, 'addressList'), 'address')) {
    const country = childText(a, 'country');
    const text = [childText(a, 'address1'), childText(a, 'address2'), childText(a, 'address3'), childText(a, 'city'), childText(a, 'stateOrProvince'), childText(a, 'postalCode'), country]
      .filter((p) => p !== '')
      .join(', ');
    addProperty(entity, 'address', text);
    if (country) addCountry(sink, 'country', country);
  }
  for (const n of children(child(node, 'nationalityList'), 'nationality')) addCountry(sink, 'nationality', childText(n, 'country'));
  for (const c of children(child(node, 'citizenshipList'), 'citizenship')) addCountry(sink, 'citizenship', childText(c, 'country'));
  for (const d of children(child(node, 'dateOfBirthList'), 'dateOfBirthItem')) {
    const date = readOfacDate(sink, childText(d, 'dateOfBirth'), 'date of birth');
    if (date) addDate(entity.birthDates, date);
  }
  for (const p of children(child(node, 'placeOfBirthList'), 'placeOfBirthItem')) addProperty(entity, 'birthPlace', childText(p, 'placeOfBirth'));

  const vessel = child(node, 'vesselInfo');
  if (vessel) {
    const callSign = childText(vessel, 'callSign');
    if (callSign) addIdentifier(entity.identifiers, makeIdentifier('Call Sign', callSign, { type: 'vesselRegistration' }));
    addProperty(entity, 'type', childText(vessel, 'vesselType'));
    const flag = childText(vessel, 'vesselFlag');
    if (flag) addCountry(sink, 'flag', flag);
    const owner = childText(vessel, 'vesselOwner');
    if (owner) addProperty(entity, 'notes', `Vessel Owner ${owner}`);
    addProperty(entity, 'tonnage', childText(vessel, 'tonnage'));
    const grt = childText(vessel, 'grossRegisteredTonnage');
    if (grt) addProperty(entity, 'notes', `Gross Registered Tonnage ${grt}`);
  }

  // Remarks in the XML hold what has no element, e.g. "(Linked To: NATIONAL IRANIAN TANKER COMPANY)".
  const remarks = clean(childText(node, 'remarks')).replace(/^\((.*)\)$/s, '$1');
  if (remarks) applyRemarks(sink, remarks);
  resolveLinks(entity, sink.links, index, warn);
  return entity;
}
