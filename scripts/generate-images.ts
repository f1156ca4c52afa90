/**
 * Generates the illustrative SVG artwork used by the seed content.
 *
 *   npx tsx scripts/generate-images.ts
 *
 * - one hero image per article:      public/images/articles/<slug>.svg (1600x900)
 * - every inline image referenced in an article body (/images/articles/*.svg)
 *   (file names ending in "-chart" become charts, "-map" become maps)
 * - one avatar per author:           public/images/authors/<slug>.svg (400x400)
 *
 * Output is deterministic: each image is derived from a seeded PRNG keyed on
 * its file name, so re-running the script produces byte-identical files.
 * Node built-ins only, and the one sample-content path.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { SAMPLE_CONTENT_DIR } from "@/db/seed/sample-content";

const ROOT = process.cwd();
const CONTENT = join(ROOT, SAMPLE_CONTENT_DIR);
const ARTICLES_DIR = join(CONTENT, "articles");
const OUT_ARTICLES = join(ROOT, "public/images/articles");
const OUT_AUTHORS = join(ROOT, "public/images/authors");

// ---------------------------------------------------------------- PRNG ----

function hashString(s: string): number {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(arr: readonly T[]) => T;
};

function makeRng(key: string): Rng {
  const next = mulberry32(hashString(key));
  return {
    next,
    int: (min, max) => Math.floor(min + next() * (max - min + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)]!,
  };
}

// ------------------------------------------------------------- palettes ----

type Palette = { bg: string; deep: string; mid: string; light: string; accent: string; ink: string };

const PALETTES: Record<string, Palette[]> = {
  politics: [
    { bg: "#e9e4da", deep: "#1f2a44", mid: "#3d5a80", light: "#98c1d9", accent: "#c8553d", ink: "#111827" },
    { bg: "#efe8dd", deep: "#2b2d42", mid: "#4a4e69", light: "#9a8c98", accent: "#d62828", ink: "#14141f" },
  ],
  economy: [
    { bg: "#f1ede4", deep: "#0b3c49", mid: "#2a6f74", light: "#8fc1b5", accent: "#e9a23b", ink: "#0c1f24" },
    { bg: "#ece8df", deep: "#22333b", mid: "#5e503f", light: "#c6ac8f", accent: "#e07a1f", ink: "#161616" },
  ],
  society: [
    { bg: "#f4eee6", deep: "#6d2e46", mid: "#a26769", light: "#d5b9b2", accent: "#3c6e71", ink: "#2a1a1f" },
    { bg: "#f2efe9", deep: "#3a3042", mid: "#db9d47", light: "#edd9a3", accent: "#5b8e7d", ink: "#1d1720" },
  ],
  culture: [
    { bg: "#1d1a2f", deep: "#3f2e56", mid: "#7d3c98", light: "#f2c14e", accent: "#f78154", ink: "#fdf6e3" },
    { bg: "#231a1a", deep: "#5c2a2a", mid: "#a23b3b", light: "#f4d58d", accent: "#3fa7d6", ink: "#fff8ee" },
  ],
  environment: [
    { bg: "#e8f0e3", deep: "#1b4332", mid: "#40916c", light: "#b7e4c7", accent: "#d4a373", ink: "#0f2419" },
    { bg: "#e6eef0", deep: "#14406b", mid: "#2e86ab", light: "#a9d6e5", accent: "#7a9e3b", ink: "#0b2236" },
  ],
  investigations: [
    { bg: "#14161c", deep: "#262a35", mid: "#4b5263", light: "#c9ced8", accent: "#e63946", ink: "#f1f1f1" },
    { bg: "#101418", deep: "#1e2a33", mid: "#37505f", light: "#b8c4cc", accent: "#ffb703", ink: "#eef2f4" },
  ],
};

const DEFAULT_SECTION = "politics";

// -------------------------------------------------------------- helpers ----

const r = (n: number) => Math.round(n);

function svgOpen(w: number, h: number, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}">`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function grain(rng: Rng, p: Palette, w: number, h: number, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    out += `<circle cx="${rng.int(0, w)}" cy="${rng.int(0, h)}" r="${rng.int(1, 3)}" fill="${p.ink}" opacity=".08"/>`;
  }
  return out;
}

function sky(p: Palette, w: number, h: number, id: string): string {
  return (
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${p.light}"/><stop offset="1" stop-color="${p.bg}"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#${id})"/>`
  );
}

// --------------------------------------------------------------- scenes ----

function scenePolitics(rng: Rng, p: Palette, w: number, h: number): string {
  let s = sky(p, w, h, "g");
  const sunX = rng.int(200, w - 200);
  s += `<circle cx="${sunX}" cy="${rng.int(140, 260)}" r="${rng.int(70, 120)}" fill="${p.accent}" opacity=".85"/>`;
  const variant = rng.int(0, 2);
  const cx = rng.int(520, w - 520);
  const bw = rng.int(640, 820);
  const base = h - 150;
  const top = base - rng.int(260, 330);
  if (variant === 2) {
    // a row of flagpoles and a long low ministry block
    s += `<rect x="${cx - bw / 2 - 120}" y="${top + 40}" width="${bw + 240}" height="${base - top - 40}" fill="${p.deep}"/>`;
    s += `<rect x="${cx - bw / 2 - 60}" y="${top + 80}" width="${bw + 120}" height="${r((base - top) * 0.45)}" fill="url(#win)"/>`;
    s += `<defs><pattern id="win" width="46" height="60" patternUnits="userSpaceOnUse"><rect x="12" y="10" width="20" height="36" fill="${p.light}" opacity=".7"/></pattern></defs>`;
    const poles = rng.int(5, 9);
    for (let i = 0; i < poles; i++) {
      const fx = r(cx - bw / 2 + (bw / (poles - 1)) * i);
      s += `<line x1="${fx}" y1="${base}" x2="${fx}" y2="${top - 160}" stroke="${p.ink}" stroke-width="4"/>`;
      s += `<path d="M${fx} ${top - 160}q40 ${rng.int(-12, 12)} 80 0v46q-40 ${rng.int(-12, 12)} -80 0z" fill="${i % 2 ? p.accent : p.mid}"/>`;
    }
  } else {
    if (variant === 1) {
      // dome on a drum
      s += `<rect x="${cx - 150}" y="${top - 120}" width="300" height="120" fill="${p.mid}"/>`;
      s += `<path d="M${cx - 170} ${top - 120}A170 150 0 0 1 ${cx + 170} ${top - 120}Z" fill="${p.deep}"/>`;
      s += `<rect x="${cx - 8}" y="${top - 330}" width="16" height="70" fill="${p.ink}"/>`;
    } else {
      s += `<polygon points="${cx - bw / 2 - 30},${top} ${cx},${top - 130} ${cx + bw / 2 + 30},${top}" fill="${p.deep}"/>`;
    }
    s += `<rect x="${cx - bw / 2 - 30}" y="${top}" width="${bw + 60}" height="28" fill="${p.mid}"/>`;
    const cols = rng.int(6, 10);
    const gap = bw / cols;
    for (let i = 0; i < cols; i++) {
      s += `<rect x="${r(cx - bw / 2 + i * gap + gap * 0.25)}" y="${top + 28}" width="${r(gap * 0.5)}" height="${base - top - 28}" fill="${p.deep}" opacity="${(0.75 + rng.next() * 0.25).toFixed(2)}"/>`;
    }
    if (variant === 0) {
      const fx = cx + rng.int(-40, 40);
      s += `<line x1="${fx}" y1="${top - 130}" x2="${fx}" y2="${top - 240}" stroke="${p.ink}" stroke-width="5"/>`;
      s += `<rect x="${fx}" y="${top - 240}" width="90" height="54" fill="${p.accent}"/>`;
    }
  }
  s += `<rect x="${cx - bw / 2 - 60}" y="${base}" width="${bw + 120}" height="24" fill="${p.mid}"/>`;
  s += `<rect x="0" y="${base + 24}" width="${w}" height="${h - base - 24}" fill="${p.deep}"/>`;
  // crowd
  for (let i = 0; i < rng.int(20, 45); i++) {
    s += `<circle cx="${rng.int(0, w)}" cy="${rng.int(base + 40, h - 10)}" r="${rng.int(8, 16)}" fill="${rng.pick([p.light, p.accent, p.bg])}" opacity=".8"/>`;
  }
  return s;
}

function sceneEconomy(rng: Rng, p: Palette, w: number, h: number): string {
  let s = sky(p, w, h, "g");
  const water = h - rng.int(170, 230);
  // containers stacked
  const stacks = rng.int(7, 11);
  for (let i = 0; i < stacks; i++) {
    const x = rng.int(0, w - 160);
    const rows = rng.int(1, 4);
    for (let j = 0; j < rows; j++) {
      s += `<rect x="${x}" y="${water - 40 * (j + 1)}" width="150" height="38" fill="${rng.pick([p.mid, p.accent, p.deep, p.light])}"/>`;
    }
  }
  // cranes
  const cranes = rng.int(2, 4);
  for (let i = 0; i < cranes; i++) {
    const x = r(((i + 0.5) * w) / cranes + rng.int(-80, 80));
    const ht = rng.int(380, 560);
    const y = water - ht;
    s += `<path d="M${x - 40} ${water}L${x - 20} ${y}L${x + 20} ${y}L${x + 40} ${water}" fill="none" stroke="${p.deep}" stroke-width="14"/>`;
    s += `<rect x="${x - 220}" y="${y - 18}" width="${rng.int(380, 480)}" height="22" fill="${p.deep}"/>`;
    s += `<line x1="${x + 150}" y1="${y + 4}" x2="${x + 150}" y2="${y + rng.int(120, 260)}" stroke="${p.ink}" stroke-width="3"/>`;
  }
  s += `<rect x="0" y="${water}" width="${w}" height="${h - water}" fill="${p.deep}"/>`;
  for (let i = 0; i < 9; i++) {
    const y = water + 20 + i * 18;
    s += `<path d="M0 ${y}Q${w / 4} ${y - 10} ${w / 2} ${y}T${w} ${y}" fill="none" stroke="${p.light}" stroke-width="2" opacity=".35"/>`;
  }
  return s;
}

function sceneSociety(rng: Rng, p: Palette, w: number, h: number): string {
  // Window grids are drawn with <pattern> fills to keep the file small.
  let s =
    `<defs>` +
    `<pattern id="wa" width="38" height="46" patternUnits="userSpaceOnUse"><rect x="10" y="12" width="18" height="24" fill="${p.bg}" opacity=".85"/></pattern>` +
    `<pattern id="wb" width="52" height="46" patternUnits="userSpaceOnUse"><rect x="14" y="12" width="22" height="22" fill="${p.deep}" opacity=".55"/></pattern>` +
    `</defs><rect width="${w}" height="${h}" fill="${p.bg}"/>`;
  const ground = h - rng.int(90, 140);
  let x = -20;
  while (x < w) {
    const bw = rng.int(130, 260);
    const bh = rng.int(220, 560);
    const y = ground - bh;
    const col = rng.pick([p.deep, p.mid, p.light]);
    s += `<rect x="${x}" y="${y}" width="${bw}" height="${bh}" fill="${col}"/>`;
    s += `<rect x="${x + 8}" y="${y + 14}" width="${bw - 16}" height="${bh - 50}" fill="url(#${col === p.light ? "wb" : "wa"})"/>`;
    // a few warmly lit windows
    for (let i = rng.int(0, 3); i > 0; i--) {
      s += `<rect x="${x + 18 + 38 * rng.int(0, Math.max(0, Math.floor((bw - 50) / 38)))}" y="${y + 26 + 46 * rng.int(0, Math.max(0, Math.floor((bh - 90) / 46)))}" width="18" height="24" fill="${p.accent}"/>`;
    }
    x += bw + rng.int(6, 30);
  }
  s += `<rect x="0" y="${ground}" width="${w}" height="${h - ground}" fill="${p.ink}" opacity=".85"/>`;
  return s;
}

function sceneCulture(rng: Rng, p: Palette, w: number, h: number): string {
  let s = `<rect width="${w}" height="${h}" fill="${p.bg}"/>`;
  const cx = rng.int(500, w - 500);
  s += `<polygon points="${cx - 90},0 ${cx + 90},0 ${cx + 420},${h} ${cx - 420},${h}" fill="${p.light}" opacity=".18"/>`;
  for (let i = 0; i < 6; i++) {
    s += `<circle cx="${rng.int(100, w - 100)}" cy="${rng.int(100, h - 200)}" r="${rng.int(40, 180)}" fill="${rng.pick([p.mid, p.accent, p.light])}" opacity="${(0.25 + rng.next() * 0.5).toFixed(2)}"/>`;
  }
  // curtains
  const folds = 6;
  for (let i = 0; i < folds; i++) {
    const fw = 50 + i * 8;
    s += `<path d="M${i * fw} 0Q${i * fw + 40} ${h / 2} ${i * fw + 10} ${h}L${(i + 1) * fw} ${h}Q${(i + 1) * fw + 30} ${h / 2} ${(i + 1) * fw} 0Z" fill="${i % 2 ? p.deep : p.mid}"/>`;
    s += `<path d="M${w - i * fw} 0Q${w - i * fw - 40} ${h / 2} ${w - i * fw - 10} ${h}L${w - (i + 1) * fw} ${h}Q${w - (i + 1) * fw - 30} ${h / 2} ${w - (i + 1) * fw} 0Z" fill="${i % 2 ? p.deep : p.mid}"/>`;
  }
  s += `<rect x="0" y="${h - 90}" width="${w}" height="90" fill="${p.deep}"/>`;
  // a figure as abstract shapes
  const fx = cx + rng.int(-100, 100);
  s += `<circle cx="${fx}" cy="${h - 420}" r="44" fill="${p.ink}"/>`;
  s += `<path d="M${fx - 90} ${h - 90}L${fx - 50} ${h - 360}L${fx + 50} ${h - 360}L${fx + 90} ${h - 90}Z" fill="${p.ink}"/>`;
  return s;
}

function sceneEnvironment(rng: Rng, p: Palette, w: number, h: number): string {
  let s = sky(p, w, h, "g");
  s += `<circle cx="${rng.int(150, w - 150)}" cy="${rng.int(110, 220)}" r="${rng.int(60, 100)}" fill="${p.accent}" opacity=".8"/>`;
  const layers = [p.light, p.mid, p.deep];
  layers.forEach((col, li) => {
    const base = 380 + li * 130 + rng.int(-20, 20);
    let d = `M0 ${h}L0 ${base}`;
    const steps = 8;
    for (let i = 1; i <= steps; i++) {
      const x = (w / steps) * i;
      d += `Q${r(x - w / steps / 2)} ${base - rng.int(40, 180)} ${r(x)} ${base + rng.int(-30, 30)}`;
    }
    d += `L${w} ${h}Z`;
    s += `<path d="${d}" fill="${col}"/>`;
  });
  // river
  const rx = rng.int(300, w - 300);
  s += `<path d="M${rx} ${h}C${rx - 200} ${h - 120} ${rx + 220} ${h - 200} ${rx + 20} ${h - 330}L${rx + 40} ${h - 330}C${rx + 260} ${h - 200} ${rx - 120} ${h - 120} ${rx + 140} ${h}Z" fill="${p.bg}" opacity=".7"/>`;
  // trees
  for (let i = 0; i < 16; i++) {
    const x = rng.int(0, w);
    const y = rng.int(h - 260, h - 40);
    const th = rng.int(40, 90);
    s += `<polygon points="${x},${y - th} ${x - th / 3},${y} ${x + th / 3},${y}" fill="${p.ink}" opacity=".7"/>`;
  }
  return s;
}

function sceneInvestigations(rng: Rng, p: Palette, w: number, h: number): string {
  // Lines of "text" on each document come from a pattern fill to keep files small.
  let s =
    `<defs><pattern id="ln" width="300" height="34" patternUnits="userSpaceOnUse"><rect x="0" y="12" width="${rng.int(190, 250)}" height="10" fill="${p.mid}"/></pattern></defs>` +
    `<rect width="${w}" height="${h}" fill="${p.bg}"/>`;
  // scattered documents
  for (let i = 0; i < 7; i++) {
    const x = rng.int(40, w - 360);
    const y = rng.int(40, h - 420);
    const rot = rng.int(-14, 14);
    s += `<g transform="rotate(${rot} ${x + 150} ${y + 190})"><rect x="${x}" y="${y}" width="300" height="380" fill="${p.deep}" stroke="${p.mid}" stroke-width="2"/>`;
    s += `<rect x="${x + 24}" y="${y + 28}" width="252" height="306" fill="url(#ln)"/>`;
    if (rng.next() < 0.6) s += `<rect x="${x + 24}" y="${y + 40 + 34 * rng.int(0, 8)}" width="${rng.int(80, 200)}" height="10" fill="${p.ink}"/>`;
    s += `</g>`;
  }
  // network of nodes
  const nodes: [number, number][] = [];
  for (let i = 0; i < 12; i++) nodes.push([rng.int(120, w - 120), rng.int(100, h - 100)]);
  for (let i = 0; i < nodes.length; i++) {
    const j = (i + rng.int(1, 4)) % nodes.length;
    const [x1, y1] = nodes[i]!;
    const [x2, y2] = nodes[j]!;
    s += `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${p.accent}" stroke-width="3" opacity=".8"/>`;
  }
  nodes.forEach(([x, y], i) => {
    s += `<circle cx="${x}" cy="${y}" r="${i % 4 === 0 ? 22 : 12}" fill="${i % 4 === 0 ? p.accent : p.light}"/>`;
  });
  // magnifier
  const mx = rng.int(300, w - 300);
  const my = rng.int(250, h - 250);
  s += `<circle cx="${mx}" cy="${my}" r="120" fill="none" stroke="${p.light}" stroke-width="18"/>`;
  s += `<line x1="${mx + 85}" y1="${my + 85}" x2="${mx + 230}" y2="${my + 230}" stroke="${p.light}" stroke-width="30" stroke-linecap="round"/>`;
  return s;
}

const SCENES: Record<string, (rng: Rng, p: Palette, w: number, h: number) => string> = {
  politics: scenePolitics,
  economy: sceneEconomy,
  society: sceneSociety,
  culture: sceneCulture,
  environment: sceneEnvironment,
  investigations: sceneInvestigations,
};

// ------------------------------------------------------ charts and maps ----

function chart(rng: Rng, p: Palette, w: number, h: number, trend = 0, style = -1): string {
  const light = p.bg.startsWith("#1") || p.bg.startsWith("#2");
  const paper = light ? p.deep : "#fbfaf7";
  let s = `<rect width="${w}" height="${h}" fill="${paper}"/>`;
  const left = 140;
  const right = w - 100;
  const top = 110;
  const bottom = h - 130;
  for (let i = 0; i <= 5; i++) {
    const y = r(bottom - ((bottom - top) / 5) * i);
    s += `<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="${p.mid}" stroke-width="${i === 0 ? 4 : 1}" opacity="${i === 0 ? 1 : 0.4}"/>`;
  }
  const kind = style >= 0 ? style : rng.int(0, 1);
  const n = rng.int(8, 14);
  const step = (right - left) / n;
  let v = trend < 0 ? 0.75 + rng.next() * 0.15 : trend > 0 ? 0.12 + rng.next() * 0.1 : rng.next() * 0.4 + 0.2;
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    v = Math.min(0.95, Math.max(0.08, v + (rng.next() - 0.5) * 0.16 + trend * (0.55 / n)));
    vals.push(v);
  }
  if (kind === 0) {
    vals.forEach((val, i) => {
      const bh = (bottom - top) * val;
      const hi = i === n - 1 || val === Math.max(...vals);
      s += `<rect x="${r(left + i * step + step * 0.18)}" y="${r(bottom - bh)}" width="${r(step * 0.64)}" height="${r(bh)}" fill="${hi ? p.accent : p.mid}"/>`;
    });
  } else {
    const pts = vals.map((val, i) => `${r(left + i * step + step / 2)},${r(bottom - (bottom - top) * val)}`);
    s += `<polygon points="${r(left + step / 2)},${bottom} ${pts.join(" ")} ${r(left + (n - 0.5) * step)},${bottom}" fill="${p.light}" opacity=".5"/>`;
    s += `<polyline points="${pts.join(" ")}" fill="none" stroke="${p.accent}" stroke-width="7" stroke-linejoin="round"/>`;
    pts.forEach((pt) => {
      const [x, y] = pt.split(",");
      s += `<circle cx="${x}" cy="${y}" r="9" fill="${p.deep}"/>`;
    });
  }
  // axis ticks as short bars (no text)
  for (let i = 0; i < n; i++) {
    s += `<rect x="${r(left + i * step + step / 2 - 14)}" y="${bottom + 24}" width="28" height="8" fill="${p.mid}" opacity=".6"/>`;
  }
  s += `<rect x="${left}" y="40" width="${rng.int(380, 620)}" height="22" fill="${p.ink === "#f1f1f1" || p.ink === "#eef2f4" || p.ink === "#fdf6e3" || p.ink === "#fff8ee" ? p.light : p.ink}" opacity=".75"/>`;
  return s;
}

function map(rng: Rng, p: Palette, w: number, h: number): string {
  let s = `<rect width="${w}" height="${h}" fill="${p.light}"/>`;
  // land mass as a wobbly polygon
  const cx = w / 2 + rng.int(-120, 120);
  const cy = h / 2 + rng.int(-60, 60);
  const pts: string[] = [];
  const k = 26;
  for (let i = 0; i < k; i++) {
    const a = (i / k) * Math.PI * 2;
    const rad = 330 + rng.int(-70, 90);
    pts.push(`${r(cx + Math.cos(a) * rad * 1.7)},${r(cy + Math.sin(a) * rad)}`);
  }
  s += `<polygon points="${pts.join(" ")}" fill="${p.bg}" stroke="${p.deep}" stroke-width="4"/>`;
  // grid
  for (let x = 100; x < w; x += 200) s += `<line x1="${x}" y1="0" x2="${x}" y2="${h}" stroke="${p.deep}" stroke-width="1" opacity=".15"/>`;
  for (let y = 100; y < h; y += 200) s += `<line x1="0" y1="${y}" x2="${w}" y2="${y}" stroke="${p.deep}" stroke-width="1" opacity=".15"/>`;
  // river
  let d = `M${rng.int(0, 200)} ${rng.int(100, 300)}`;
  let x = 200;
  while (x < w) {
    d += `Q${x} ${rng.int(200, 700)} ${x + 150} ${rng.int(250, 650)}`;
    x += 300;
  }
  s += `<path d="${d}" fill="none" stroke="${p.mid}" stroke-width="14" stroke-linecap="round" opacity=".9"/>`;
  // roads
  for (let i = 0; i < 4; i++) {
    s += `<line x1="${rng.int(0, w)}" y1="${rng.int(0, h)}" x2="${rng.int(0, w)}" y2="${rng.int(0, h)}" stroke="${p.ink}" stroke-width="3" stroke-dasharray="14 10" opacity=".5"/>`;
  }
  // sites
  for (let i = 0; i < 8; i++) {
    const sx = rng.int(cx - 450, cx + 450);
    const sy = rng.int(cy - 250, cy + 250);
    const hot = i < 2;
    s += `<circle cx="${sx}" cy="${sy}" r="${hot ? 34 : 14}" fill="${hot ? p.accent : p.deep}" opacity="${hot ? 0.85 : 1}"/>`;
    if (hot) s += `<circle cx="${sx}" cy="${sy}" r="70" fill="none" stroke="${p.accent}" stroke-width="4" opacity=".6"/>`;
  }
  // compass
  s += `<polygon points="${w - 110},60 ${w - 90},130 ${w - 110},115 ${w - 130},130" fill="${p.deep}"/>`;
  return s;
}

// -------------------------------------------------------------- avatars ----

const AVATAR_PALETTES: Palette[] = [...Object.values(PALETTES).flat()];

function avatar(slug: string, name: string): string {
  const rng = makeRng("avatar:" + slug);
  const p = rng.pick(AVATAR_PALETTES);
  const W = 400;
  let s = svgOpen(W, W, escapeAttr(`Abstract portrait of ${name}`));
  s += `<rect width="${W}" height="${W}" fill="${p.light}"/>`;
  s += `<circle cx="${rng.int(60, 340)}" cy="${rng.int(60, 160)}" r="${rng.int(50, 110)}" fill="${p.accent}" opacity=".55"/>`;
  // shoulders
  s += `<path d="M60 400Q70 ${rng.int(270, 300)} 200 ${rng.int(280, 300)}Q330 ${rng.int(270, 300)} 340 400Z" fill="${p.deep}"/>`;
  // neck + head
  s += `<rect x="178" y="230" width="44" height="60" fill="${p.mid}"/>`;
  const hr = rng.int(78, 92);
  s += `<ellipse cx="200" cy="${180}" rx="${hr}" ry="${hr + 14}" fill="${p.mid}"/>`;
  // hair shape
  const hairStyle = rng.int(0, 2);
  if (hairStyle === 0) s += `<path d="M${200 - hr} 175Q200 ${50 - rng.int(0, 30)} ${200 + hr} 175Q${200 + hr - 20} 110 200 105Q${200 - hr + 20} 110 ${200 - hr} 175Z" fill="${p.ink}"/>`;
  else if (hairStyle === 1) s += `<path d="M${200 - hr - 10} 250Q${200 - hr - 20} 70 200 75Q${200 + hr + 20} 70 ${200 + hr + 10} 250L${200 + hr - 10} 250Q${200 + hr} 130 200 120Q${200 - hr} 130 ${200 - hr + 10} 250Z" fill="${p.ink}"/>`;
  else s += `<rect x="${200 - hr}" y="${95 - rng.int(0, 10)}" width="${hr * 2}" height="40" rx="20" fill="${p.ink}"/>`;
  // glasses or not
  if (rng.next() < 0.4) {
    s += `<circle cx="170" cy="185" r="20" fill="none" stroke="${p.ink}" stroke-width="5"/><circle cx="230" cy="185" r="20" fill="none" stroke="${p.ink}" stroke-width="5"/><line x1="190" y1="185" x2="210" y2="185" stroke="${p.ink}" stroke-width="5"/>`;
  } else {
    s += `<circle cx="172" cy="185" r="6" fill="${p.ink}"/><circle cx="228" cy="185" r="6" fill="${p.ink}"/>`;
  }
  s += `<path d="M180 ${225}Q200 ${235 + rng.int(0, 8)} 220 225" fill="none" stroke="${p.ink}" stroke-width="5" stroke-linecap="round"/>`;
  s += `</svg>\n`;
  return s;
}

// --------------------------------------------------------------- driver ----

type ArticleMeta = { slug: string; section: string; headline: string; heroSrc?: string; inline: { src: string; alt: string }[] };

function readArticles(): ArticleMeta[] {
  const files = readdirSync(ARTICLES_DIR).filter((f) => f.endsWith(".md")).sort();
  return files.map((file) => {
    const raw = readFileSync(join(ARTICLES_DIR, file), "utf8");
    const fm = raw.match(/^---\n([\s\S]*?)\n---/);
    const head = fm?.[1] ?? "";
    const body = fm ? raw.slice(fm[0].length) : raw;
    const get = (key: string) => {
      const m = head.match(new RegExp(`^${key}:\\s*(.+)$`, "m"));
      return m?.[1]?.trim().replace(/^"(.*)"$/, "$1") ?? "";
    };
    const heroSrc = head.match(/^\s+src:\s*(\S+)/m)?.[1];
    const inline: { src: string; alt: string }[] = [];
    for (const m of body.matchAll(/!\[([^\]]*)\]\((\/images\/articles\/[^\s)]+\.svg)/g)) {
      inline.push({ alt: m[1] ?? "", src: m[2] ?? "" });
    }
    return {
      slug: get("slug") || basename(file, ".md"),
      section: get("section") || DEFAULT_SECTION,
      headline: get("headline"),
      heroSrc,
      inline,
    };
  });
}

function readAuthors(): { slug: string; name: string }[] {
  const raw = readFileSync(join(CONTENT, "authors.yaml"), "utf8");
  const out: { slug: string; name: string }[] = [];
  let current: { slug?: string; name?: string } = {};
  for (const line of raw.split("\n")) {
    const slug = line.match(/^-\s*slug:\s*(\S+)/);
    if (slug) {
      if (current.slug) out.push({ slug: current.slug, name: current.name ?? current.slug });
      current = { slug: (slug[1] ?? "").replace(/"/g, "") };
      continue;
    }
    const name = line.match(/^\s+name:\s*(.+)$/);
    if (name) current.name = (name[1] ?? "").trim().replace(/^"(.*)"$/, "$1");
  }
  if (current.slug) out.push({ slug: current.slug, name: current.name ?? current.slug });
  return out;
}

function render(key: string, section: string, kind: "scene" | "chart" | "map", label: string): string {
  const rng = makeRng(key);
  const p = rng.pick(PALETTES[section] ?? PALETTES[DEFAULT_SECTION]!);
  const W = 1600;
  const H = 900;
  let body: string;
  if (kind === "chart") {
    // A rough trend hint from the alt text keeps the shape in line with the caption.
    const trend = /fall|down|drop|declin/i.test(label) ? -1 : /ris|climb|increas/i.test(label) ? 1 : 0;
    const style = /bar chart/i.test(label) ? 0 : /line chart/i.test(label) ? 1 : -1;
    body = chart(rng, p, W, H, trend, style);
  }
  else if (kind === "map") body = map(rng, p, W, H);
  else body = (SCENES[section] ?? scenePolitics)(rng, p, W, H) + grain(rng, p, W, H, 14);
  // Suffix ids so that several SVGs inlined on one page can never collide.
  const tag = hashString(key).toString(36);
  body = body.replace(/id="(\w+)"/g, `id="$1-${tag}"`).replace(/url\(#(\w+)\)/g, `url(#$1-${tag})`);
  return `${svgOpen(W, H, escapeAttr(label))}${body}</svg>\n`;
}

function kindFor(file: string): "scene" | "chart" | "map" {
  if (/-chart\.svg$/.test(file)) return "chart";
  if (/-map\.svg$/.test(file)) return "map";
  return "scene";
}

function main() {
  mkdirSync(OUT_ARTICLES, { recursive: true });
  mkdirSync(OUT_AUTHORS, { recursive: true });
  const articles = readArticles();
  let count = 0;
  let largest = 0;
  const write = (path: string, svg: string) => {
    writeFileSync(path, svg);
    largest = Math.max(largest, Buffer.byteLength(svg));
    count++;
  };
  for (const a of articles) {
    const hero = a.heroSrc && a.heroSrc.startsWith("/images/articles/") ? basename(a.heroSrc) : `${a.slug}.svg`;
    write(join(OUT_ARTICLES, hero), render(hero, a.section, kindFor(hero), a.headline || a.slug));
    for (const img of a.inline) {
      const file = basename(img.src);
      write(join(OUT_ARTICLES, file), render(file, a.section, kindFor(file), img.alt || file));
    }
  }
  for (const au of readAuthors()) {
    write(join(OUT_AUTHORS, `${au.slug}.svg`), avatar(au.slug, au.name));
  }
  console.log(`wrote ${count} SVG files (largest ${largest} bytes)`);
}

main();
