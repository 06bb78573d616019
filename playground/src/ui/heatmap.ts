/**
 * Colours and heatmaps. Values in [−1, 1] use TensorFlow Playground's scale (orange for −1, light grey for 0, blue
 * for +1); more than two classes mix one colour per class by its probability.
 */

export type RGB = [number, number, number];

const ORANGE: RGB = [245, 147, 34];
const GREY: RGB = [232, 234, 235];
const BLUE: RGB = [8, 119, 189];

/** One colour per class; class 0 is orange and class 1 blue, as the Playground's −1 and +1. */
export const CLASS_COLOURS: RGB[] = [ORANGE, BLUE, [46, 160, 67], [163, 82, 204], [214, 39, 40], [140, 86, 75], [23, 190, 207], [188, 189, 34]];

const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** The colour of a value on the diverging scale, clamped to [−1, 1]. */
export function divergingColour(v: number): RGB {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  return t < 0 ? mix(GREY, ORANGE, -t) : mix(GREY, BLUE, t);
}

export const css = ([r, g, b]: RGB, alpha = 1): string => `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, ${alpha})`;

/** The colour of a point: by class, or by target value for regression (classes = 0). */
export function pointColour(y: number, classes: number): string {
  if (classes === 0) return css(divergingColour(y));
  if (classes === 2) return css(y > 0.5 ? BLUE : ORANGE);
  return css(CLASS_COLOURS[y % CLASS_COLOURS.length]!);
}

/**
 * Paints an n×n grid into a canvas (one pixel per cell; CSS scales it). `values` holds `stride` numbers per
 * cell, from `offset`: with channels = 1 the diverging scale (or, with `tint`, a probability from grey to that
 * colour), otherwise class probabilities mixed.
 */
export function paintGrid(
  canvas: HTMLCanvasElement, values: Float32Array, n: number,
  options: { offset?: number; stride?: number; channels?: number; discretize?: boolean; scale?: number; fade?: number; tint?: RGB } = {},
): void {
  const { offset = 0, stride = 1, channels = 1, discretize = false, scale = 1, fade = 0, tint } = options;
  if (canvas.width !== n) canvas.width = n;
  if (canvas.height !== n) canvas.height = n;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const img = ctx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    let c: RGB;
    if (tint) {
      // a probability in [0, 1]: grey to the class colour
      const p = Math.max(0, Math.min(1, values[i * stride + offset]!));
      c = mix(GREY, tint, discretize ? (p > 0.5 ? 0.8 : 0) : p);
    } else if (channels === 1) {
      let v = values[i * stride + offset]! * scale;
      if (discretize) v = v > 0 ? 1 : -1;
      c = divergingColour(v);
    } else {
      c = classMix(values, i * channels, channels, discretize);
    }
    if (fade) c = mix(c, [255, 255, 255], fade);
    img.data.set([c[0], c[1], c[2], 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
}

function classMix(p: Float32Array, at: number, k: number, discretize: boolean): RGB {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[at + j]! > p[at + best]!) best = j;
  if (discretize) return mix(GREY, CLASS_COLOURS[best]!, 0.75);
  let c: RGB = [0, 0, 0];
  for (let j = 0; j < k; j++) c = [c[0] + p[at + j]! * CLASS_COLOURS[j]![0], c[1] + p[at + j]! * CLASS_COLOURS[j]![1], c[2] + p[at + j]! * CLASS_COLOURS[j]![2]];
  // confident regions get the class colour, uncertain ones fade to grey
  const conf = (p[at + best]! - 1 / k) / (1 - 1 / k);
  return mix(GREY, c, 0.2 + 0.6 * conf);
}

/** Width and colour of a link for weight w, as TensorFlow Playground draws them: blue positive, orange negative. */
export function linkStyle(w: number): { width: number; colour: string } {
  return { width: Math.min(10, Math.max(1, Math.abs(w) * 9 + 1)) * 0.6, colour: css(divergingColour(Math.tanh(w * 1.5))) };
}
