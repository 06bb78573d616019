import { describe, expect, it } from "vitest";
import { tensor } from "../../index.js";
import {
  accuracy, topKAccuracy, confusionMatrix, precision, recall, f1Score, perClassScores,
  meanSquaredError, meanAbsoluteError, r2Score, resolveMetric,
} from "./index.js";

// Predictions as scores over 3 classes; argmax = [0, 1, 2, 2, 1, 0]; targets [0, 1, 1, 2, 0, 0].
const scores = tensor([
  [0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.2, 0.3, 0.5], [0.1, 0.2, 0.7], [0.3, 0.6, 0.1], [0.5, 0.4, 0.1],
]);
const target = tensor([0, 1, 1, 2, 0, 0]);

describe("classification metrics", () => {
  it("accuracy and top-k", () => {
    expect(accuracy(scores, target)).toBeCloseTo(4 / 6, 12);
    expect(topKAccuracy(scores, target, 1)).toBeCloseTo(4 / 6, 12);
    expect(topKAccuracy(scores, target, 2)).toBeCloseTo(6 / 6, 12);
    expect(accuracy(tensor([0.2, 0.7, 0.6]), tensor([0, 1, 0]))).toBeCloseTo(2 / 3, 12);
    expect(accuracy(scores, tensor([[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [1, 0, 0]]))).toBeCloseTo(4 / 6, 12);
  });

  it("confusion matrix rows are true classes, columns predicted (scikit-learn's layout)", () => {
    expect(confusionMatrix(scores, target)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it("precision, recall and F1 per class and averaged as scikit-learn computes them", () => {
    const s = perClassScores(scores, target);
    expect(s.precision).toEqual([1, 0.5, 0.5]);
    expect(s.recall.map((v) => +v.toFixed(6))).toEqual([0.666667, 0.5, 1]);
    expect(s.support).toEqual([3, 2, 1]);
    // sklearn: f1_score(average=None) = [0.8, 0.5, 0.66666667]
    expect(s.f1.map((v) => +v.toFixed(6))).toEqual([0.8, 0.5, 0.666667]);
    expect(precision(scores, target) as number).toBeCloseTo(2 / 3, 10);
    expect(recall(scores, target) as number).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 10);
    expect(f1Score(scores, target) as number).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
    expect(f1Score(scores, target, { average: "weighted" }) as number).toBeCloseTo((0.8 * 3 + 0.5 * 2 + (2 / 3) * 1) / 6, 10);
    expect(precision(scores, target, { average: "micro" })).toBeCloseTo(4 / 6, 10);
    expect(recall(scores, target, { average: "none" })).toHaveLength(3);
  });

  it("a class never predicted has precision 0, not NaN", () => {
    const s = perClassScores(tensor([[1, 0], [1, 0]]), tensor([0, 1]));
    expect(s.precision).toEqual([0.5, 0]);
  });

  it("length mismatches are clear errors", () => {
    expect(() => accuracy(scores, tensor([0, 1]))).toThrow(/accuracy: 6 predictions but 2 targets/);
  });
});

describe("regression metrics", () => {
  const pred = tensor([2.5, 0.0, 2, 8]);
  const y = tensor([3, -0.5, 2, 7]);
  it("MSE, MAE and R² match scikit-learn's values", () => {
    expect(meanSquaredError(pred, y)).toBeCloseTo(0.375, 6);
    expect(meanAbsoluteError(pred, y)).toBeCloseTo(0.5, 6);
    expect(r2Score(pred, y)).toBeCloseTo(0.9486081370449679, 6);
  });
});

describe("named metrics", () => {
  it("resolves names and top-k, and lists the valid names for unknown ones", () => {
    expect(resolveMetric("accuracy").compute(scores, target)).toBeCloseTo(4 / 6, 10);
    expect(resolveMetric("top2").name).toBe("top2");
    expect(() => resolveMetric("bogus")).toThrow(/unknown metric "bogus" \(expected one of accuracy/);
  });
});
