import { describe, expect, test } from "vitest";
import { addPoint, pointsFromCsv, removeNear } from "./user-data.js";
import { decodePoints, encodePoints } from "./points-codec.js";
import type { Points } from "./datasets.js";

describe("the user's own points", () => {
  test("CSV with a header and text labels: classes by name, axes scaled to [−5, 5]", () => {
    const p = pointsFromCsv("a,b,kind\n0,10,cat\n10,20,dog\n5,15,cat\n", "classification");
    expect(p.classes).toBe(2);
    expect(Array.from(p.y)).toEqual([0, 1, 0]);
    expect(Array.from(p.x)).toEqual([-5, -5, 5, 5, 0, 0]);
  });

  test("CSV without a header and numeric labels 3, 7, 9 become classes 0, 1, 2", () => {
    const p = pointsFromCsv("1,1,7\n2,2,3\n3,3,9\n", "classification");
    expect(p.classes).toBe(3);
    expect(Array.from(p.y)).toEqual([1, 0, 2]);
  });

  test("regression targets beyond ±1 are scaled into [−1, 1]", () => {
    const p = pointsFromCsv("x,y,t\n0,0,4\n1,1,-2\n", "regression");
    expect(p.classes).toBe(0);
    expect(Array.from(p.y)).toEqual([1, -0.5]);
  });

  test("bad files say what is wrong", () => {
    expect(() => pointsFromCsv("1,2\n3,4\n", "classification")).toThrow(/expected columns x1, x2 and a label/);
    expect(() => pointsFromCsv("x,y,t\n0,0,a\n1,1,b\n", "regression")).toThrow(/numeric label/);
    const many = Array.from({ length: 12 }, (_, i) => `${i},${i},${i}`).join("\n");
    expect(() => pointsFromCsv(many, "classification")).toThrow(/12 distinct labels, at most 8/);
  });

  test("drawing adds points (a new class when asked) and shift-click removes the nearest", () => {
    let p: Points = { x: new Float32Array(0), y: new Float32Array(0), classes: 2 };
    p = addPoint(p, 1, 2, 0);
    p = addPoint(p, -3, 4, 2);
    expect(p.classes).toBe(3);
    expect(Array.from(p.x)).toEqual([1, 2, -3, 4]);
    expect(removeNear(p, 5, 5)).toBe(p); // nothing within reach
    p = removeNear(p, 1.1, 2.1);
    expect(Array.from(p.x)).toEqual([-3, 4]);
    expect(Array.from(p.y)).toEqual([2]);
  });

  test("points survive the URL encoding to within 0.001", () => {
    const p: Points = { x: new Float32Array([1.2345, -5.9999, 0, 3.5]), y: new Float32Array([1, 0]), classes: 2 };
    const back = decodePoints(encodePoints(p))!;
    expect(back.classes).toBe(2);
    expect(Array.from(back.y)).toEqual([1, 0]);
    Array.from(back.x).forEach((v, i) => expect(v).toBeCloseTo(p.x[i]!, 3));
    expect(encodePoints(p)).toMatch(/^[A-Za-z0-9_-]+$/);
    const r: Points = { x: new Float32Array([0, 0]), y: new Float32Array([-0.25]), classes: 0 };
    expect(decodePoints(encodePoints(r))!.y[0]).toBeCloseTo(-0.25, 3);
    expect(decodePoints("not-points!")).toBeNull();
  });
});
