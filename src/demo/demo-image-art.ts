import { loadSharp } from '#src/domain/media/load-sharp.ts';

/**
 * Demo pictures drawn here as SVG and rendered locally with sharp: no downloads, no text (fonts
 * differ between machines). A seeded random generator makes every picture the same on every run,
 * so re-seeding reuses the stored files by content hash.
 */

/** The kinds of scene the demo can draw. */
export type SceneKind =
  | 'steppe'
  | 'mountains'
  | 'skyline'
  | 'sea'
  | 'canyon'
  | 'lake'
  | 'stadium'
  | 'rails'
  | 'fields'
  | 'abstract'
  | 'chart'
  | 'yurt'
  | 'desert';

/** A picture to draw: its scene, colours (sky top, sky bottom, ground/accent, shadow) and seed. */
export type SceneSpec = { kind: SceneKind; palette: [string, string, string, string]; seed: number };

/** A portrait-like picture: skin, hair, clothing and background tones. */
export type PortraitSpec = { skin: string; hair: string; clothes: string; background: [string, string]; seed: number };

const WIDTH = 1600;
const HEIGHT = 900;

function random(seed: number): () => number {
  // mulberry32: tiny, fast and good enough for shapes.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A ridge line across the picture: `points` peaks around `base`, `amplitude` high. */
function ridge(rand: () => number, base: number, amplitude: number, points: number, sharp = false): string {
  const step = WIDTH / points;
  const coords: string[] = [`M0 ${HEIGHT}`, `L0 ${round(base)}`];
  for (let i = 0; i <= points; i++) {
    const x = i * step;
    const y = base - rand() * amplitude;
    if (sharp) coords.push(`L${round(x)} ${round(y)}`);
    else coords.push(`Q${round(x - step / 2)} ${round(y - amplitude * 0.3 * rand())} ${round(x)} ${round(y)}`);
  }
  coords.push(`L${WIDTH} ${HEIGHT}`, 'Z');
  return coords.join(' ');
}

function sky([top, bottom]: [string, string, ...string[]]): string {
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>`;
}

function sun(rand: () => number, color: string, y = 260): string {
  const x = 200 + rand() * 1200;
  return `<circle cx="${round(x)}" cy="${y}" r="${round(60 + rand() * 50)}" fill="${color}" opacity="0.85"/>`;
}

function drawScene({ kind, palette, seed }: SceneSpec): string {
  const rand = random(seed);
  const [top, bottom, ground, shadow] = palette;
  const parts: string[] = [sky([top, bottom])];
  switch (kind) {
    case 'steppe':
    case 'fields': {
      parts.push(sun(rand, '#fff4d6', 300));
      parts.push(`<path d="${ridge(rand, 560, 40, 6)}" fill="${shadow}" opacity="0.55"/>`);
      parts.push(`<path d="${ridge(rand, 620, 20, 4)}" fill="${ground}"/>`);
      if (kind === 'fields') {
        for (let i = 0; i < 14; i++) {
          const y = 640 + i * 19;
          parts.push(`<path d="M0 ${y} L${WIDTH} ${y - 30 + rand() * 60}" stroke="${shadow}" stroke-width="${2 + i / 3}" opacity="0.35"/>`);
        }
      } else {
        for (let i = 0; i < 40; i++) {
          const x = rand() * WIDTH;
          const y = 650 + rand() * 240;
          parts.push(`<path d="M${round(x)} ${round(y)} l6 -${round(10 + rand() * 18)} l6 ${round(10 + rand() * 18)}" fill="${shadow}" opacity="0.5"/>`);
        }
      }
      break;
    }
    case 'mountains': {
      parts.push(sun(rand, '#ffffff', 200));
      parts.push(`<path d="${ridge(rand, 560, 300, 7, true)}" fill="${shadow}" opacity="0.6"/>`);
      const front = ridge(rand, 640, 360, 5, true);
      parts.push(`<path d="${front}" fill="${ground}"/>`);
      parts.push(`<path d="${front}" fill="#ffffff" opacity="0.25" transform="translate(0 -12)"/>`);
      parts.push(`<path d="${ridge(rand, 820, 60, 10)}" fill="${shadow}"/>`);
      break;
    }
    case 'skyline': {
      parts.push(sun(rand, '#ffe2b8', 340));
      for (let p = 0; p < 3; p++) {
        const lit = [0, 1, 2, 3].map(() => rand() > 0.45);
        parts.push(
          `<defs><pattern id="windows${p}" width="44" height="68" patternUnits="userSpaceOnUse">` +
            lit.map((on, i) => (on ? `<rect x="${(i % 2) * 22}" y="${Math.floor(i / 2) * 34}" width="9" height="14" fill="#ffe9a8" opacity="0.8"/>` : '')).join('') +
            '</pattern></defs>',
        );
      }
      let x = 0;
      while (x < WIDTH) {
        const w = 60 + rand() * 110;
        const h = 180 + rand() * 420;
        parts.push(`<rect x="${round(x)}" y="${round(HEIGHT - 120 - h)}" width="${round(w)}" height="${round(h + 120)}" fill="${rand() > 0.5 ? ground : shadow}"/>`);
        // Lit windows: one rectangle filled with a tiled pattern (hundreds of small rects render slowly).
        parts.push(`<rect x="${round(x + 10)}" y="${round(HEIGHT - 100 - h)}" width="${round(w - 20)}" height="${round(h - 40)}" fill="url(#windows${Math.floor(rand() * 3)})"/>`);
        if (rand() > 0.8) parts.push(`<path d="M${round(x + w / 2)} ${round(HEIGHT - 120 - h - 90)} l-12 90 h24 z" fill="${shadow}"/>`);
        x += w + 4 + rand() * 16;
      }
      parts.push(`<rect y="${HEIGHT - 90}" width="${WIDTH}" height="90" fill="${shadow}"/>`);
      break;
    }
    case 'sea': {
      parts.push(sun(rand, '#fff1c9', 330));
      parts.push(`<rect y="520" width="${WIDTH}" height="${HEIGHT - 520}" fill="${ground}"/>`);
      for (let i = 0; i < 22; i++) {
        const y = 540 + i * 17;
        let d = `M0 ${y}`;
        for (let x = 0; x <= WIDTH; x += 80) d += ` q40 ${round(-6 - rand() * 6)} 80 0`;
        parts.push(`<path d="${d}" stroke="#ffffff" stroke-width="2" fill="none" opacity="${round(0.15 + rand() * 0.3)}"/>`);
      }
      parts.push(`<path d="${ridge(rand, 760, 80, 4)}" fill="${shadow}"/>`);
      break;
    }
    case 'canyon':
    case 'desert': {
      parts.push(sun(rand, '#fff7e0', 220));
      const layers = kind === 'canyon' ? 5 : 3;
      for (let i = 0; i < layers; i++) {
        const base = 420 + i * (kind === 'canyon' ? 100 : 150);
        parts.push(
          `<path d="${ridge(rand, base, kind === 'canyon' ? 120 : 50, kind === 'canyon' ? 9 : 4, kind === 'canyon')}" fill="${i % 2 ? shadow : ground}" opacity="${round(0.7 + i * 0.06)}"/>`,
        );
      }
      break;
    }
    case 'lake': {
      parts.push(`<path d="${ridge(rand, 470, 200, 6)}" fill="${shadow}"/>`);
      parts.push(`<rect y="520" width="${WIDTH}" height="${HEIGHT - 520}" fill="${ground}"/>`);
      for (let i = 0; i < 12; i++) {
        const y = 540 + i * 30 + rand() * 10;
        parts.push(`<rect x="${round(rand() * 900)}" y="${round(y)}" width="${round(200 + rand() * 600)}" height="3" fill="#ffffff" opacity="0.3"/>`);
      }
      for (let i = 0; i < 60; i++) {
        const x = rand() * WIDTH;
        const y = 380 + rand() * 120;
        const h = 50 + rand() * 70;
        parts.push(`<path d="M${round(x)} ${round(y - h)} l${round(h / 4)} ${round(h)} h${round(-h / 2)} z" fill="#1f3b2d" opacity="0.85"/>`);
      }
      break;
    }
    case 'stadium': {
      parts.push(`<rect y="360" width="${WIDTH}" height="${HEIGHT - 360}" fill="${ground}"/>`);
      for (let i = 0; i < 8; i++) {
        parts.push(`<rect y="${360 + i * 68}" width="${WIDTH}" height="34" fill="#ffffff" opacity="0.06"/>`);
      }
      parts.push(`<ellipse cx="800" cy="640" rx="640" ry="200" fill="none" stroke="#ffffff" stroke-width="6" opacity="0.8"/>`);
      parts.push(`<line x1="800" y1="360" x2="800" y2="${HEIGHT}" stroke="#ffffff" stroke-width="6" opacity="0.8"/>`);
      parts.push(`<circle cx="800" cy="640" r="90" fill="none" stroke="#ffffff" stroke-width="6" opacity="0.8"/>`);
      for (let i = 0; i < 90; i++) {
        parts.push(`<circle cx="${round(rand() * WIDTH)}" cy="${round(60 + rand() * 250)}" r="${round(3 + rand() * 4)}" fill="${rand() > 0.5 ? shadow : '#ffffff'}" opacity="0.6"/>`);
      }
      break;
    }
    case 'rails': {
      parts.push(sun(rand, '#fff3d0', 320));
      parts.push(`<path d="${ridge(rand, 520, 30, 5)}" fill="${ground}"/>`);
      parts.push(`<path d="M700 520 L0 ${HEIGHT} M900 520 L${WIDTH} ${HEIGHT}" stroke="${shadow}" stroke-width="14"/>`);
      for (let i = 1; i < 16; i++) {
        const t = (i / 16) ** 1.7;
        const y = 520 + t * (HEIGHT - 520);
        const half = 100 + t * 700;
        parts.push(`<line x1="${round(800 - half)}" y1="${round(y)}" x2="${round(800 + half)}" y2="${round(y)}" stroke="${shadow}" stroke-width="${round(2 + t * 14)}" opacity="0.7"/>`);
      }
      for (let i = 0; i < 6; i++) {
        const x = 100 + i * 280 + rand() * 60;
        parts.push(`<line x1="${round(x)}" y1="${round(300 + rand() * 60)}" x2="${round(x)}" y2="540" stroke="${shadow}" stroke-width="6"/>`);
      }
      break;
    }
    case 'yurt': {
      parts.push(sun(rand, '#fff4d6', 260));
      parts.push(`<path d="${ridge(rand, 600, 40, 5)}" fill="${ground}"/>`);
      for (let i = 0; i < 3; i++) {
        const cx = 350 + i * 420 + rand() * 80;
        const r = 120 + rand() * 40;
        parts.push(`<path d="M${round(cx - r)} 690 v-${round(r * 0.7)} q${round(r)} -${round(r * 0.9)} ${round(2 * r)} 0 v${round(r * 0.7)} z" fill="#f3ede2"/>`);
        parts.push(`<path d="M${round(cx - r)} ${round(690 - r * 0.45)} h${round(2 * r)}" stroke="${shadow}" stroke-width="10"/>`);
        parts.push(`<rect x="${round(cx - 22)}" y="${round(690 - 70)}" width="44" height="70" fill="${shadow}"/>`);
      }
      break;
    }
    case 'chart': {
      for (let i = 0; i < 10; i++) {
        parts.push(`<line x1="120" y1="${140 + i * 70}" x2="1480" y2="${140 + i * 70}" stroke="#ffffff" stroke-width="2" opacity="0.15"/>`);
      }
      let level = 300 + rand() * 200;
      for (let i = 0; i < 14; i++) {
        level = Math.min(700, Math.max(120, level + (rand() - 0.4) * 140));
        parts.push(`<rect x="${150 + i * 95}" y="${round(HEIGHT - 110 - level)}" width="60" height="${round(level)}" rx="6" fill="${i % 3 ? ground : shadow}"/>`);
      }
      let d = 'M150 700';
      for (let i = 0; i < 14; i++) d += ` L${180 + i * 95} ${round(650 - i * 30 - rand() * 80)}`;
      parts.push(`<path d="${d}" fill="none" stroke="#ffffff" stroke-width="8" stroke-linejoin="round" opacity="0.9"/>`);
      break;
    }
    case 'abstract': {
      for (let i = 0; i < 18; i++) {
        const color = [ground, shadow, '#ffffff', bottom][i % 4];
        parts.push(
          `<circle cx="${round(rand() * WIDTH)}" cy="${round(rand() * HEIGHT)}" r="${round(40 + rand() * 260)}" fill="${color}" opacity="${round(0.15 + rand() * 0.5)}"/>`,
        );
      }
      for (let i = 0; i < 6; i++) {
        parts.push(
          `<rect x="${round(rand() * WIDTH)}" y="${round(rand() * HEIGHT)}" width="${round(80 + rand() * 400)}" height="${round(20 + rand() * 60)}" fill="${shadow}" opacity="0.4" transform="rotate(${round(rand() * 60 - 30)} 800 450)"/>`,
        );
      }
      break;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join('')}</svg>`;
}

function drawPortrait({ skin, hair, clothes, background, seed }: PortraitSpec): string {
  const rand = random(seed);
  const size = 800;
  const headY = 330 + rand() * 20;
  const headR = 150 + rand() * 15;
  const hairTop = headY - headR - 10 - rand() * 30;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<defs><radialGradient id="bg" cx="0.3" cy="0.3" r="0.9"><stop offset="0" stop-color="${background[0]}"/><stop offset="1" stop-color="${background[1]}"/></radialGradient></defs>` +
    `<rect width="${size}" height="${size}" fill="url(#bg)"/>` +
    `<path d="M120 ${size} q0 -230 280 -250 q280 20 280 250 z" fill="${clothes}"/>` +
    `<rect x="355" y="${round(headY + headR - 30)}" width="90" height="110" rx="30" fill="${skin}"/>` +
    `<ellipse cx="400" cy="${round(hairTop + headR * 0.9)}" rx="${round(headR + 18)}" ry="${round(headR * 1.05)}" fill="${hair}"/>` +
    `<ellipse cx="400" cy="${round(headY)}" rx="${round(headR * 0.9)}" ry="${round(headR)}" fill="${skin}"/>` +
    `<path d="M${round(400 - headR * 0.95)} ${round(headY - headR * 0.25)} q${round(headR * 0.95)} -${round(headR * (0.9 + rand() * 0.3))} ${round(headR * 1.9)} 0 q-${round(headR * 0.3)} -${round(headR * 0.75)} -${round(headR * 0.95)} -${round(headR * 0.8)} q-${round(headR * 0.65)} 0 -${round(headR * 0.95)} ${round(headR * 0.8)} z" fill="${hair}"/>` +
    `<ellipse cx="${round(400 - headR * 0.35)}" cy="${round(headY + 5)}" rx="11" ry="8" fill="#2b2320"/>` +
    `<ellipse cx="${round(400 + headR * 0.35)}" cy="${round(headY + 5)}" rx="11" ry="8" fill="#2b2320"/>` +
    `<path d="M${round(400 - 40)} ${round(headY + headR * 0.5)} q40 ${round(18 + rand() * 10)} 80 0" stroke="#8a4b3c" stroke-width="7" fill="none" stroke-linecap="round"/>` +
    `</svg>`
  );
}

function drawLogo(): string {
  // A reed pen ("qalam") nib inside a circle, in the portal's blue and gold.
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">' +
    '<circle cx="256" cy="256" r="240" fill="#0b5cad"/>' +
    '<circle cx="256" cy="256" r="204" fill="none" stroke="#f2c14e" stroke-width="12"/>' +
    '<path d="M256 86 C330 180 344 262 300 350 L256 426 L212 350 C168 262 182 180 256 86 Z" fill="#f2c14e"/>' +
    '<path d="M256 200 L256 400" stroke="#0b5cad" stroke-width="12" stroke-linecap="round"/>' +
    '<circle cx="256" cy="230" r="22" fill="#0b5cad"/>' +
    '</svg>'
  );
}

/** A 1600×900 JPEG of a scene. */
export async function renderScene(spec: SceneSpec): Promise<Buffer> {
  return (await loadSharp())(Buffer.from(drawScene(spec))).jpeg({ quality: 86 }).toBuffer();
}

/** An 800×800 JPEG portrait-like illustration. */
export async function renderPortrait(spec: PortraitSpec): Promise<Buffer> {
  return (await loadSharp())(Buffer.from(drawPortrait(spec))).jpeg({ quality: 86 }).toBuffer();
}

/** The demo portal's 512×512 logo, a PNG with a transparent background. */
export async function renderLogo(): Promise<Buffer> {
  return (await loadSharp())(Buffer.from(drawLogo())).png().toBuffer();
}
