import { describe, expect, it } from "vitest";

import { overlaps, placeLabels, segmentHitsBox, type LabelRequest } from "../../client/label-placement.js";

const BOUNDS = { left: 0, top: 0, right: 400, bottom: 300 };
const MIDDLE = { x: 200, y: 150 };

const request = (x: number, y: number, width = 80, height = 16): LabelRequest => ({
  anchor: { x, y },
  reach: 4,
  home: { x, y },
  sizes: [
    { width, height },
    { width: width * 0.8, height: height * 0.8 },
  ],
});

describe("placeLabels", () => {
  it("puts a label on its cluster when there is room", () => {
    const [a, b] = placeLabels([request(100, 100), request(300, 200)], { bounds: BOUNDS, middle: MIDDLE });
    expect(a).toEqual({
      box: { left: 60, top: 92, right: 140, bottom: 108 },
      step: 0,
      leader: null,
      overlapping: false,
    });
    expect(b!.leader).toBeNull();
    expect(b!.box.left).toBe(260);
  });

  it("moves the later of two colliding labels, outward and with a leader line to its cluster", () => {
    // Two clusters 6 px apart, left of the middle: the second label cannot stay, and goes left (away from the middle).
    const [first, second] = placeLabels([request(120, 150), request(120, 156)], {
      bounds: BOUNDS,
      middle: MIDDLE,
      coverCost: 0,
    });
    expect(first!.leader).toBeNull();
    expect(overlaps(first!.box, second!.box)).toBe(false);
    expect(second!.overlapping).toBe(false);
    expect(second!.leader).not.toBeNull();
    expect(second!.leader!.to).toEqual({ x: 120, y: 156 });
    const centre = (second!.box.left + second!.box.right) / 2;
    expect(centre).toBeLessThan(120);
  });

  it("names every one of many crowded clusters, without overlaps, inside the bounds", () => {
    // 24 clusters within 60 px of each other: far more label than room at the centre.
    const requests = Array.from({ length: 24 }, (_, i) =>
      request(200 + 30 * Math.cos(i), 150 + 30 * Math.sin(i * 1.7), 70 + (i % 3) * 15),
    );
    const placements = placeLabels(requests, { bounds: BOUNDS, middle: MIDDLE });
    expect(placements.every((p) => p !== null && !p.overlapping)).toBe(true);
    const boxes = placements.map((p) => p!.box);
    for (const [i, box] of boxes.entries()) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(400);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(300);
      for (const other of boxes.slice(i + 1)) expect(overlaps(box, other)).toBe(false);
    }
    expect(placements.filter((p) => p!.leader !== null).length).toBeGreaterThan(10);
  });

  it("prefers a smaller font on the cluster to a distant spot", () => {
    // A wide label between two placed ones, in a band no taller than a label: 96 px does not fit, 77 px does.
    const requests = [request(100, 150, 110), request(300, 150, 110), request(200, 150, 96)];
    const band = { left: 0, top: 140, right: 400, bottom: 160 };
    const [, , middle] = placeLabels(requests, { bounds: band, middle: { x: 200, y: 0 } });
    expect(middle).toMatchObject({ step: 1, leader: null });
  });

  it("keeps the previous spot while it is still free, so that labels do not hop as the camera moves", () => {
    const crowd = [request(120, 150), request(120, 156)];
    const [, moved] = placeLabels(crowd, { bounds: BOUNDS, middle: MIDDLE });
    const centre = { x: (moved!.box.left + moved!.box.right) / 2, y: (moved!.box.top + moved!.box.bottom) / 2 };
    const previous = { dx: centre.x - 120, dy: centre.y - 156 + 2, step: moved!.step };
    const [, again] = placeLabels([crowd[0], { ...crowd[1], previous }], { bounds: BOUNDS, middle: MIDDLE });
    expect((again!.box.top + again!.box.bottom) / 2).toBeCloseTo(centre.y + 2, 6);
  });

  it("skips clusters out of view and flags a label that finds no room", () => {
    const tiny = { left: 0, top: 0, right: 90, bottom: 20 };
    const placements = placeLabels([request(45, 10), request(50, 10), request(500, 10)], {
      bounds: tiny,
      middle: { x: 45, y: 10 },
    });
    expect(placements[0]!.overlapping).toBe(false);
    expect(placements[1]!.overlapping).toBe(true);
    expect(placements[2]).toBeNull();
  });

  it("refuses empty bounds", () => {
    expect(() => placeLabels([], { bounds: { left: 0, top: 0, right: 0, bottom: 10 }, middle: MIDDLE })).toThrow(
      /label-placement: bounds/,
    );
  });
});

describe("segmentHitsBox", () => {
  const box = { left: 10, top: 10, right: 20, bottom: 20 };
  it("finds segments through, into and beside a box", () => {
    expect(segmentHitsBox({ x: 0, y: 15 }, { x: 30, y: 15 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 0, y: 0 }, { x: 12, y: 12 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 0, y: 0 }, { x: 30, y: 5 }, box)).toBe(false);
    expect(segmentHitsBox({ x: 0, y: 25 }, { x: 25, y: 30 }, box)).toBe(false);
  });
});
