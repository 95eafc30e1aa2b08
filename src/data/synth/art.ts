// The pictures of the built-in pack and of the scenes drawn while training: Noto Emoji art (Google, Apache-2.0,
// via @iconify-json/noto) for 19 VOC classes and a drawn table for diningtable (Unicode has no table emoji).
// Each is SVG in a 128x128 box. The emoji bodies come in as an ArtBodies map: read from @iconify-json/noto in
// Node (scripts/gen/noto.ts), from the pack's art.json in the browser.

/** The built-in pack's file holding the emoji bodies (JSON: name → SVG body), written by `npm run data:builtin`. */
export const SYNTH_ART_FILE = "art.json";

/** SVG bodies (128x128 user space) of the emoji CLASS_ART names, by name. */
export type ArtBodies = Record<string, string>;

/** Emoji names per VOC class, in VOC_CLASSES order. */
export const CLASS_ART: Record<string, string[]> = {
  aeroplane: ["airplane", "small-airplane"],
  bicycle: ["bicycle"],
  bird: ["bird", "dove", "parrot", "black-bird", "eagle", "duck"],
  boat: ["sailboat", "speedboat", "canoe", "motor-boat", "ship"],
  bottle: ["bottle-with-popping-cork", "baby-bottle"],
  bus: ["bus", "oncoming-bus", "trolleybus", "minibus"],
  car: ["automobile", "oncoming-automobile", "taxi", "sport-utility-vehicle", "racing-car"],
  cat: ["cat", "black-cat"],
  chair: ["chair"],
  cow: ["cow", "ox", "water-buffalo"],
  diningtable: ["table:wood", "table:cloth"],
  dog: ["dog", "poodle", "guide-dog", "service-dog"],
  horse: ["horse"],
  motorbike: ["motorcycle", "motor-scooter"],
  person: [
    "person-standing",
    "man-standing",
    "woman-standing",
    "person-walking",
    "woman-walking",
    "man-walking",
    "person-running",
  ],
  pottedplant: ["potted-plant"],
  sheep: ["ewe", "ram"],
  sofa: ["couch-and-lamp"],
  train: ["locomotive", "train", "high-speed-train", "tram", "railway-car", "light-rail"],
  tvmonitor: ["television", "desktop-computer"],
};

/** A dining table drawn for the pack: top, apron and legs (our own art). */
function table(cloth: boolean): string {
  const top = cloth ? "#e8eef7" : "#a0643a";
  const edge = cloth ? "#b7c4d8" : "#6d4022";
  const legs = "#5a341b";
  const drape = cloth
    ? `<path d="M6 50 L122 50 L116 78 Q64 86 12 78 Z" fill="${top}" stroke="${edge}" stroke-width="2"/>`
    : "";
  return (
    `<rect x="16" y="52" width="9" height="62" rx="2" fill="${legs}"/><rect x="103" y="52" width="9" height="62" rx="2" fill="${legs}"/>` +
    `<rect x="34" y="52" width="7" height="52" rx="2" fill="${legs}" opacity="0.8"/><rect x="87" y="52" width="7" height="52" rx="2" fill="${legs}" opacity="0.8"/>` +
    `<path d="M4 42 L124 42 L118 54 L10 54 Z" fill="${top}" stroke="${edge}" stroke-width="2"/>${drape}` +
    `<ellipse cx="44" cy="44" rx="12" ry="3.5" fill="#fff" stroke="#999"/><ellipse cx="84" cy="44" rx="12" ry="3.5" fill="#fff" stroke="#999"/>`
  );
}

/** Every emoji name CLASS_ART uses (the table is drawn, not an emoji). */
export const EMOJI_NAMES: string[] = Object.values(CLASS_ART)
  .flat()
  .filter((n) => !n.startsWith("table:"));

/** The SVG body (128x128 user space) of an art name; ids are prefixed so several can share one SVG. */
export function artBody(name: string, idPrefix: string, bodies: ArtBodies): string {
  let body: string;
  if (name.startsWith("table:")) body = table(name === "table:cloth");
  else {
    body = bodies[name];
    if (body === undefined) throw new Error(`no art for "${name}"`);
  }
  return body
    .replace(/\bid="([^"]+)"/g, `id="${idPrefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${idPrefix}$1"`);
}

export const CREDIT =
  "Synthetic images drawn with Noto Emoji art by Google (https://github.com/googlefonts/noto-emoji), " +
  "Apache License 2.0, via the @iconify-json/noto package; the table is our own drawing.";
