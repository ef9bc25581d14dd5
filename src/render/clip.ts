/**
 * Clipping to a rectangle in plain arithmetic (Liang–Barsky), so a view can cut its marks at the plot's edge
 * without a stencil mask, which costs more than the rest of the slice view's drawing when WebGL runs in software.
 */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The part of the segment (x0, y0)–(x1, y1) inside `box`, written to out as [x0, y0, x1, y1]; false when no part
 * of it is inside.
 */
export function clipSegment(x0: number, y0: number, x1: number, y1: number, box: Box, out: Float64Array): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  // Each edge as p·t ≤ q: the segment enters where p < 0 and leaves where p > 0.
  const edges: [number, number][] = [
    [-dx, x0 - box.left],
    [dx, box.right - x0],
    [-dy, y0 - box.top],
    [dy, box.bottom - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  out[0] = x0 + t0 * dx;
  out[1] = y0 + t0 * dy;
  out[2] = x0 + t1 * dx;
  out[3] = y0 + t1 * dy;
  return true;
}

export function inBox(x: number, y: number, box: Box): boolean {
  return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
}
