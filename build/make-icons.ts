// Draws the app icon and the tray variants (no count, 1–9, 9+) as PNG files into build/, so
// the icons are reproducible from this script rather than binary blobs from nowhere:
// `npx tsx build/make-icons.ts`. Shapes are sampled 4×4 per pixel for smooth edges.
import { writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'

type Rgba = [number, number, number, number]
/** Coverage of a point in unit coordinates (0..1 across the icon): the colour there, or null. */
type Painter = (x: number, y: number) => Rgba | null

const INDIGO: Rgba = [79, 70, 229, 255]
const WHITE: Rgba = [255, 255, 255, 255]
const RED: Rgba = [225, 29, 72, 255]

function roundedRect(
  x: number,
  y: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

/** A speech bubble: a rounded body with a tail at its lower left. */
function bubble(x: number, y: number): boolean {
  if (roundedRect(x, y, 0.22, 0.26, 0.78, 0.66, 0.1)) return true
  // Tail: the triangle (0.3,0.6) (0.44,0.6) (0.26,0.8).
  const [ax, ay, bx, by, cx, cy] = [0.3, 0.6, 0.46, 0.6, 0.26, 0.8]
  const d = (px: number, py: number, qx: number, qy: number) =>
    (x - qx) * (py - qy) - (px - qx) * (y - qy)
  const d1 = d(ax, ay, bx, by)
  const d2 = d(bx, by, cx, cy)
  const d3 = d(cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}

const appIcon: Painter = (x, y) => {
  if (!roundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return null
  return bubble(x, y) ? WHITE : INDIGO
}

// 3×5 digits, rows top to bottom.
const GLYPHS: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '001', '001'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
}

/** Text in the glyph font, centred on (cx, cy), each glyph cell `cell` wide. */
function text(x: number, y: number, label: string, cx: number, cy: number, cell: number): boolean {
  const width = label.length * 4 - 1
  const gx = Math.floor((x - cx) / cell + width / 2)
  const gy = Math.floor((y - cy) / cell + 2.5)
  if (gx < 0 || gx >= width || gy < 0 || gy >= 5 || gx % 4 === 3) return false
  const glyph = GLYPHS[label[Math.floor(gx / 4)]!]!
  return glyph[gy]![gx % 4] === '1'
}

function trayIcon(label: string | null): Painter {
  return (x, y) => {
    if (label !== null) {
      const [cx, cy, r] = [0.68, 0.68, 0.32]
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) {
        return text(x, y, label, cx, cy + 0.01, label.length > 1 ? 0.075 : 0.09) ? WHITE : RED
      }
    }
    return appIcon(x, y)
  }
}

function render(size: number, paint: Painter): Buffer {
  const S = 4
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1)
    raw[row] = 0 // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0]
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = paint((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size)
          if (!c) continue
          const a = c[3] / 255
          acc[0]! += c[0] * a
          acc[1]! += c[1] * a
          acc[2]! += c[2] * a
          acc[3]! += a
        }
      }
      const alpha = acc[3]! / (S * S)
      const o = row + 1 + px * 4
      for (let i = 0; i < 3; i++) raw[o + i] = alpha ? Math.round(acc[i]! / acc[3]!) : 0
      raw[o + 3] = Math.round(alpha * 255)
    }
  }
  return png(size, raw)
}

function png(size: number, raw: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'ascii')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const here = dirname(fileURLToPath(import.meta.url))
const write = (path: string, data: Buffer) => {
  mkdirSync(dirname(join(here, path)), { recursive: true })
  writeFileSync(join(here, path), data)
}

// electron-builder makes the .icns and .ico from one 1024 px PNG.
write('icon.png', render(1024, appIcon))
const variants: [string, string | null][] = [
  ['tray', null],
  ['tray-9plus', '9+'],
]
for (let n = 1; n <= 9; n++) variants.push([`tray-${n}`, String(n)])
for (const [name, label] of variants) {
  write(`tray/${name}.png`, render(32, trayIcon(label)))
  write(`tray/${name}@2x.png`, render(64, trayIcon(label)))
}
