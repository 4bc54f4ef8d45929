// Where each cluster's label goes on screen, so that every cluster in view is named and no two labels overlap: a
// greedy, collision-aware placement (labels in priority order, each at the cheapest free spot). A label stays on its
// cluster when there is room; otherwise it takes a smaller font, or moves outward (away from the map's middle), then
// anywhere, on rings of growing radius around its spot, and a leader line ties it to its cluster. Pure: boxes in
// pixels in, boxes and lines out.

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelRequest {
  /** The cluster's centre on screen: where a leader line ends. */
  anchor: Point;
  /** A label whose box comes this close to the anchor needs no leader line (an overview's disc: its radius). */
  reach: number;
  /** Where the label's centre would be with all the room in the world. */
  home: Point;
  /** The label's box at each font size, largest first. */
  sizes: readonly Size[];
  /** The previous frame's offset of the box's centre from `home` and its font step, kept if still free and cheap. */
  previous?: { dx: number; dy: number; step: number } | null;
}

export interface LabelPlacement {
  box: Box;
  /** Index into the request's `sizes`. */
  step: number;
  /** From the box's edge to the anchor, or null when the label sits on its cluster. */
  leader: { from: Point; to: Point } | null;
  /** No free spot was found: the label is drawn on its cluster, over others (never expected on a real map). */
  overlapping: boolean;
}

export interface PlacementOptions {
  /** Where labels may go (the map's box, less its edges). */
  bounds: Box;
  /** The point labels move away from: the middle of the map's clusters. */
  middle: Point;
  /** Free pixels kept around each label. */
  padding: number;
  /** Pixels between two rings of candidate spots. */
  ringStep: number;
  /** Cost of each smaller font step, in pixels of distance. */
  stepCost: number;
  /** Extra cost of moving towards the middle rather than away from it, per pixel of distance (0..1). */
  inwardCost: number;
  /** Cost of a box that covers another cluster's centre (where its own label wants to be). */
  coverCost: number;
  /** Cost of each leader line that crosses a label. */
  crossCost: number;
  /** Discount for the previous frame's spot, so that labels do not hop while the camera moves. */
  keepBonus: number;
}

export const PLACEMENT_DEFAULTS: Readonly<Omit<PlacementOptions, "bounds" | "middle">> = {
  padding: 3,
  ringStep: 10,
  stepCost: 24,
  inwardCost: 0.6,
  coverCost: 120,
  crossCost: 80,
  keepBonus: 12,
};

interface Candidate {
  cost: number;
  box: Box;
  step: number;
}

/** Pixels of arc between two candidate spots on a ring. */
const ARC_STEP = 14;
const MIN_ANGLES = 8;
const MAX_ANGLES = 48;

/**
 * Places labels in the order given (the first wins its spot). `null` for a label whose anchor is out of `bounds`
 * (its cluster is not in view).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  options: Pick<PlacementOptions, "bounds" | "middle"> & Partial<PlacementOptions>,
): (LabelPlacement | null)[] {
  const settings: PlacementOptions = { ...PLACEMENT_DEFAULTS, ...options };
  const { bounds } = settings;
  if (!(bounds.right > bounds.left && bounds.bottom > bounds.top)) {
    throw new Error("label-placement: bounds must have a positive width and height");
  }
  const placed: Box[] = [];
  const leaders: { from: Point; to: Point }[] = [];
  const anchors = requests.map((request) => request.anchor);
  const maxRadius = Math.hypot(bounds.right - bounds.left, bounds.bottom - bounds.top);

  return requests.map((request, index) => {
    if (!inside(request.anchor, bounds)) return null;
    const outward = direction(settings.middle, request.home);
    const search: { best: Candidate | null } = { best: null };

    const consider = (dx: number, dy: number, step: number, distance: number, bonus: number) => {
      const size = request.sizes[step];
      const cx = request.home.x + dx;
      const cy = request.home.y + dy;
      const box = {
        left: cx - size.width / 2,
        top: cy - size.height / 2,
        right: cx + size.width / 2,
        bottom: cy + size.height / 2,
      };
      let cost = distance + step * settings.stepCost - bonus;
      if (distance > 0 && outward !== null) {
        const cos = (dx * outward.x + dy * outward.y) / distance;
        cost += (settings.inwardCost * distance * (1 - cos)) / 2;
      }
      if (search.best !== null && cost >= search.best.cost) return;
      if (!within(box, bounds)) return;
      const padded = grow(box, settings.padding);
      if (placed.some((other) => overlaps(padded, other))) return;
      // Soft rules: a leader line through a label, a label over another cluster's centre.
      for (const line of leaders) if (segmentHitsBox(line.from, line.to, padded)) cost += settings.crossCost;
      const leader = leaderOf(box, request);
      if (leader !== null) {
        // NOTE: a leader may pass under a label that covers its own cluster's centre: there is no other way in.
        for (const other of placed) {
          if (!contains(other, leader.to) && segmentHitsBox(leader.from, leader.to, other)) cost += settings.crossCost;
        }
      }
      for (let other = 0; other < anchors.length; other++) {
        if (other !== index && contains(box, anchors[other])) cost += settings.coverCost;
      }
      if (search.best === null || cost < search.best.cost) search.best = { cost, box, step };
    };

    const previous = request.previous;
    if (previous && previous.step < request.sizes.length) {
      consider(previous.dx, previous.dy, previous.step, Math.hypot(previous.dx, previous.dy), settings.keepBonus);
    }
    for (let step = 0; step < request.sizes.length; step++) consider(0, 0, step, 0, 0);
    for (let radius = settings.ringStep; radius <= maxRadius; radius += settings.ringStep) {
      // Every spot further out costs at least its distance: nothing beyond can beat a spot found.
      if (search.best !== null && radius >= search.best.cost) break;
      const angles = Math.min(MAX_ANGLES, Math.max(MIN_ANGLES, Math.ceil((2 * Math.PI * radius) / ARC_STEP)));
      for (let step = 0; step < request.sizes.length; step++) {
        for (let a = 0; a < angles; a++) {
          const angle = (2 * Math.PI * a) / angles;
          consider(radius * Math.cos(angle), radius * Math.sin(angle), step, radius, 0);
        }
      }
    }

    const found = search.best;
    if (found === null) {
      const step = request.sizes.length - 1;
      const size = request.sizes[step];
      const box = {
        left: request.home.x - size.width / 2,
        top: request.home.y - size.height / 2,
        right: request.home.x + size.width / 2,
        bottom: request.home.y + size.height / 2,
      };
      return { box, step, leader: null, overlapping: true };
    }
    placed.push(found.box);
    const leader = leaderOf(found.box, request);
    if (leader) leaders.push(leader);
    return { box: found.box, step: found.step, leader, overlapping: false };
  });
}

/** The line from the box's nearest point to the anchor, when the box is farther than `reach` from it. */
function leaderOf(box: Box, request: LabelRequest): { from: Point; to: Point } | null {
  const from = { x: clamp(request.anchor.x, box.left, box.right), y: clamp(request.anchor.y, box.top, box.bottom) };
  if (Math.hypot(from.x - request.anchor.x, from.y - request.anchor.y) <= request.reach) return null;
  return { from, to: request.anchor };
}

function direction(from: Point, to: Point): Point | null {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  return length > 0 ? { x: (to.x - from.x) / length, y: (to.y - from.y) / length } : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function within(box: Box, bounds: Box): boolean {
  return box.left >= bounds.left && box.top >= bounds.top && box.right <= bounds.right && box.bottom <= bounds.bottom;
}

function inside(point: Point, bounds: Box): boolean {
  return point.x >= bounds.left && point.x <= bounds.right && point.y >= bounds.top && point.y <= bounds.bottom;
}

function contains(box: Box, point: Point): boolean {
  return point.x > box.left && point.x < box.right && point.y > box.top && point.y < box.bottom;
}

function grow(box: Box, by: number): Box {
  return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
}

/** Whether the segment crosses the box (Liang-Barsky clipping). */
export function segmentHitsBox(from: Point, to: Point, box: Box): boolean {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, from.x - box.left],
    [dx, box.right - from.x],
    [-dy, from.y - box.top],
    [dy, box.bottom - from.y],
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
  return true;
}
