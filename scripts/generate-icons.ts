/**
 * Draws the app icons (the favicon's white tick on the teal square) as PNGs for the web app
 * manifest and iOS: `node --import tsx scripts/generate-icons.ts` writes them to src/web/public/icons.
 * Anti-aliased by 4×4 supersampling of the shapes' distance functions; no image tools needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const OUT = fileURLToPath(new URL('../src/web/public/icons/', import.meta.url));
const TEAL = [0x0f, 0x5c, 0x6e] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
/** The tick of favicon.svg, in its 32-unit box. */
const TICK: [number, number][] = [
  [9, 17.5],
  [13.5, 22],
  [23, 11],
];
const TICK_WIDTH = 3.2;

function distanceToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Inside a rounded square of side 32 with corner radius `radius` (0: the full square). */
function inRoundedSquare(x: number, y: number, radius: number) {
  if (x < 0 || y < 0 || x > 32 || y > 32) return false;
  const cx = Math.min(Math.max(x, radius), 32 - radius);
  const cy = Math.min(Math.max(y, radius), 32 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/**
 * One icon of `size` pixels. `maskable`: the teal fills the whole square and the tick shrinks into
 * the central safe zone (a circle of 80 % of the side), as launchers crop maskable icons.
 */
function draw(size: number, maskable: boolean): PNG {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  const tickScale = maskable ? 0.7 : 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let teal = 0;
      let white = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const ux = ((x + (sx + 0.5) / samples) / size) * 32;
          const uy = ((y + (sy + 0.5) / samples) / size) * 32;
          if (!inRoundedSquare(ux, uy, maskable ? 0 : 8)) continue;
          // The tick, scaled about the centre of the box.
          const tx = 16 + (ux - 16) / tickScale;
          const ty = 16 + (uy - 16) / tickScale;
          const d = Math.min(
            distanceToSegment(tx, ty, TICK[0]!, TICK[1]!),
            distanceToSegment(tx, ty, TICK[1]!, TICK[2]!),
          );
          if (d <= TICK_WIDTH / 2) white++;
          else teal++;
        }
      }
      const total = samples * samples;
      const alpha = (teal + white) / total;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        png.data[i + c] = alpha === 0 ? 0 : Math.round((TEAL[c]! * teal + WHITE[c]! * white) / (teal + white));
      }
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return png;
}

const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];

fs.mkdirSync(OUT, { recursive: true });
for (const { file, size, maskable } of ICONS) {
  const buffer = PNG.sync.write(draw(size, maskable), { colorType: 6 });
  fs.writeFileSync(path.join(OUT, file), buffer);
  process.stdout.write(`${file}: ${size}×${size}, ${buffer.length} bytes\n`);
}
