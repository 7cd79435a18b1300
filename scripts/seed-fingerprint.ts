// Rebuilds src/domain/story/seed-fingerprint.json from ../shared/seed/ (see seed-fingerprint.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fingerprintOf } from '../src/domain/story/seed-fingerprint.ts';

const article = fileURLToPath(new URL('../../shared/seed/step1-fail-step2ck-article.txt', import.meta.url));
const out = fileURLToPath(new URL('../src/domain/story/seed-fingerprint.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(fingerprintOf(readFileSync(article, 'utf8')))}\n`);
console.log(`wrote ${out}`);
