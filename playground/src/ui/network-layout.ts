/** Where the network's nodes go: columns spread over the width, node size shrinking for wide or tall networks. */

export interface Layout {
  /** Node side in pixels. */
  node: number;
  width: number;
  height: number;
  /** Each column's left edge and its nodes' top edges. */
  cols: { x: number; ys: number[] }[];
}

/** Space above the nodes for the layer headers. */
export const HEADER = 0;
/** Space left of the inputs for their labels (sin(X₁) is the widest). */
export const LABELS = 44;

export function layoutNetwork(columnSizes: readonly number[], width: number, maxHeight = 560): Layout {
  const cols = columnSizes.length;
  const tallest = Math.max(1, ...columnSizes);
  let node = Math.floor((width - LABELS - 8) / (cols * 1.9));
  node = Math.min(40, node, Math.floor(maxHeight / (tallest * 1.35)));
  node = Math.max(6, node);
  const gap = Math.max(2, Math.round(node * 0.35));
  const usable = Math.max(node, width - LABELS - node - 4);
  const step = cols > 1 ? usable / (cols - 1) : 0;
  const layout = columnSizes.map((n, c) => ({
    x: Math.round(LABELS + c * step),
    ys: Array.from({ length: n }, (_, i) => HEADER + i * (node + gap)),
  }));
  return { node, width, height: HEADER + tallest * (node + gap), cols: layout };
}

/** A cubic link from the right edge of one node to the left edge of another, as TensorFlow Playground's curves. */
export function linkPath(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (x1 + x2) / 2;
  return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
}
