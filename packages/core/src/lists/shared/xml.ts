/**
 * @module lists/shared/xml
 * Streaming XML for list files: saxes (strict, so a malformed or cut-off file is an error,
 * never a silent partial list) fed chunk by chunk, yielding the selected elements as small
 * trees. Memory is bounded by the largest selected element, not by the file.
 */
import { SaxesParser } from 'saxes';
import { CoreErrors, SekishoError } from '../../errors.ts';
import type { ListFile } from '../types.ts';

export interface XmlNode {
  /** Local name (namespace prefix removed). */
  name: string;
  /** Attributes by their names as written. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Concatenated direct text content, untrimmed. */
  text: string;
  /** Line where the element starts, for error messages and warnings. */
  line: number;
}

export interface XmlStreamOptions {
  /** Local names the root element may have; anything else is SEK_LIST_FORMAT. */
  roots: string[];
  /** Whether the element at this path (root first, local names) is yielded as a tree. */
  select: (path: readonly string[]) => boolean;
  /** What the file is, for messages: "OFAC advanced XML". */
  formatName: string;
  /**
   * Called once with the root element's name as written (prefix kept) and its attributes as
   * written (xmlns declarations included), before any element is yielded: issue dates and
   * namespaces often sit on the root, which is never selected whole (it is the whole file).
   */
  onRoot?: (name: string, attrs: Record<string, string>) => void;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** First child with this local name. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

/** All children with this local name. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of the first child with this name ('' when absent). */
export function childText(node: XmlNode | undefined, name: string): string {
  return child(node, name)?.text.trim() ?? '';
}

/**
 * Streams `file` and yields every selected element as a tree.
 * Throws SEK_LIST_FORMAT for a wrong root or non-XML content, SEK_LIST_TRUNCATED for a file
 * that ends inside the document, SEK_LIST_EMPTY for a file with no content, SEK_LIST_PARSE otherwise.
 */
export async function* streamXml(file: ListFile, options: XmlStreamOptions): AsyncGenerator<XmlNode> {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  const stack: XmlNode[] = [];
  let ready: XmlNode[] = [];
  let sawRoot = false;
  let sawBytes = false;

  const fail = (message: string, cause?: unknown): SekishoError => {
    const position = `line ${parser.line}, column ${parser.column}`;
    if (!sawRoot) return CoreErrors.LIST_FORMAT(`the file is not ${options.formatName} (${message})`, { file: file.name, position }, { cause });
    return CoreErrors.LIST_PARSE(`malformed ${options.formatName}: ${message}`, { file: file.name, position }, { cause });
  };

  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (path.length === 0) {
      if (!options.roots.includes(name)) throw CoreErrors.LIST_FORMAT(`the root element <${tag.name}> does not belong to ${options.formatName} (expected ${options.roots.map((r) => `<${r}>`).join(' or ')})`, { file: file.name, position: `line ${parser.line}` });
      sawRoot = true;
      if (options.onRoot) {
        const attrs: Record<string, string> = {};
        for (const key in tag.attributes) attrs[key] = tag.attributes[key] as string;
        options.onRoot(tag.name, attrs);
      }
    }
    path.push(name);
    if (stack.length > 0 || options.select(path)) {
      // saxes builds a fresh attribute object per tag; it is used as is (attribute names keep
      // any prefix: list formats put their data in unprefixed attributes).
      const node: XmlNode = { name, attrs: tag.attributes as Record<string, string>, children: [], text: '', line: parser.line };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(node);
      stack.push(node);
    }
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += text;
  });
  parser.on('cdata', (text) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += text;
  });
  parser.on('closetag', () => {
    path.pop();
    if (stack.length > 0) {
      const node = stack.pop()!;
      if (stack.length === 0) ready.push(node);
    }
  });

  const decoder = new TextDecoder('utf-8');
  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (error) {
      if (error instanceof SekishoError) throw error;
      throw fail(stripPosition(error), error);
    }
  };
  for await (const chunk of file.open()) {
    if (chunk.length === 0) continue;
    const text = decoder.decode(chunk, { stream: true });
    if (!sawBytes && text.trim() !== '') sawBytes = true;
    write(text);
    if (ready.length > 0) {
      const out = ready;
      ready = [];
      yield* out;
    }
  }
  write(decoder.decode());
  if (!sawBytes) throw CoreErrors.LIST_EMPTY(`the file is empty`, { file: file.name });
  try {
    parser.close();
  } catch (error) {
    const message = stripPosition(error);
    if (!sawRoot) throw fail(message, error);
    throw CoreErrors.LIST_TRUNCATED(`the ${options.formatName} ends before the document is complete (${message})`, { file: file.name, position: `line ${parser.line}, column ${parser.column}` }, { cause: error });
  }
  yield* ready;
}

function stripPosition(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
}
