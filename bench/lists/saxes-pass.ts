// Baseline for the list-load benchmark: a bare saxes tokenizing pass over a file (64 KiB
// chunks, UTF-8 decoding, an open-tag counter and nothing else). Prints JSON on stdout.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

const file = process.argv[2]!;
const started = performance.now();
const parser = new SaxesParser();
let tags = 0;
parser.on('opentag', () => {
  tags++;
});
const decoder = new TextDecoder('utf-8');
for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) parser.write(decoder.decode(chunk as Buffer, { stream: true }));
parser.close();
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, tags, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
