import { describe, expect, it } from "vitest";
import { Generator, randn, tensor, type Tensor } from "../index.js";
import { LabelEncoder, MinMaxScaler, StandardScaler, oneHot, trainValTestSplit } from "./index.js";

const close = (a: Tensor, b: number[], digits = 5): void => {
  expect(a.data.length).toBe(b.length);
  a.data.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, digits));
};

describe("StandardScaler", () => {
  it("standardises with the biased std and keeps constant features unscaled", () => {
    // feature 0: mean 2, biased std sqrt(2/3); feature 1 constant 5
    const x = tensor([[1, 5], [2, 5], [3, 5]]);
    const s = new StandardScaler().fit(x);
    close(s.mean!, [2, 5]);
    close(s.scale!, [Math.sqrt(2 / 3), 1]);
    const z = s.transform(x);
    close(z, [-1.2247449, 0, 0, 0, 1.2247449, 0]);
    close(s.inverseTransform(z), [1, 5, 2, 5, 3, 5]);
  });

  it("fitted on train only, applies the train statistics unchanged to val and test", () => {
    const g = new Generator(0);
    const x = randn([200, 3], { generator: g }).mul(tensor([1, 4, 0.5])).add(tensor([10, -3, 0]));
    const split = trainValTestSplit([x], { val: 0.2, test: 0.2, generator: g });
    const [train] = split.train;
    const [val] = split.val;
    const scaler = new StandardScaler();
    const zTrain = scaler.fitTransform(train!);
    // the statistics are the training split's
    const trainMean = train!.mean(0);
    const trainStd = train!.std(0, false, 0);
    close(scaler.mean!, Array.from(trainMean.data), 4);
    close(scaler.scale!, Array.from(trainStd.data), 4);
    close(zTrain.mean(0), [0, 0, 0], 4);
    // validation is transformed with them, so its mean is not exactly 0
    const zVal = scaler.transform(val!);
    close(zVal, Array.from(val!.sub(trainMean).div(trainStd).data), 4);
    const valMeanOwn = Array.from(zVal.mean(0).data);
    expect(valMeanOwn.some((m) => Math.abs(m) > 1e-3)).toBe(true);
    // and transforming val does not refit
    close(scaler.mean!, Array.from(trainMean.data), 4);
  });

  it("errors before fit and on a feature mismatch", () => {
    expect(() => new StandardScaler().transform(tensor([[1]]))).toThrow(/StandardScaler.transform: called before fit\(\)/);
    const s = new StandardScaler().fit(tensor([[1, 2], [3, 4]]));
    expect(() => s.transform(tensor([[1, 2, 3]]))).toThrow(/StandardScaler.transform: input of shape \[1, 3\] has 3 features, expected 2/);
  });

  it("round-trips through stateDict", () => {
    const x = tensor([[1, 10], [3, 30]]);
    const a = new StandardScaler().fit(x);
    const b = new StandardScaler().loadStateDict(a.stateDict());
    close(b.transform(x), Array.from(a.transform(x).data));
    expect(() => new StandardScaler().loadStateDict({})).toThrow(/state has no tensor "mean"/);
  });

  it("withMean / withStd switch the parts off", () => {
    const x = tensor([[1], [3]]);
    close(new StandardScaler({ withMean: false }).fitTransform(x), [1, 3]);
    close(new StandardScaler({ withStd: false }).fitTransform(x), [-1, 1]);
  });
});

describe("MinMaxScaler", () => {
  it("maps the training range to featureRange; constant features get scale 1", () => {
    const x = tensor([[0, 7], [5, 7], [10, 7]]);
    const s = new MinMaxScaler();
    close(s.fitTransform(x), [0, 0, 0.5, 0, 1, 0]);
    close(s.transform(tensor([[20, 8]])), [2, 1]);
    close(s.inverseTransform(s.transform(x)), [0, 7, 5, 7, 10, 7]);
    const r = new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit(x);
    close(r.transform(tensor([[5, 7], [20, 7]])), [0, -1, 1, -1]);
  });

  it("round-trips through stateDict, including featureRange", () => {
    const x = tensor([[0], [4]]);
    const a = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
    const b = new MinMaxScaler().loadStateDict(a.stateDict());
    expect(b.featureRange).toEqual([-1, 1]);
    close(b.transform(tensor([[2]])), [0]);
  });

  it("errors before fit and on a bad range", () => {
    expect(() => new MinMaxScaler().transform(tensor([[1]]))).toThrow(/MinMaxScaler.transform: called before fit\(\)/);
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(/finite lo < hi, got \[1, 0\]/);
  });
});

describe("oneHot", () => {
  it("encodes class indices", () => {
    const h = oneHot(tensor([2, 0, 1]));
    expect(h.shape).toEqual([3, 3]);
    expect(h.toArray()).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    expect(oneHot([1], 4).toArray()).toEqual([[0, 1, 0, 0]]);
  });

  it("rejects labels that are not class indices", () => {
    expect(() => oneHot([0, 1.5])).toThrow(/label 1.5 at position 1 is not a class index/);
    expect(() => oneHot([0, 3], 3)).toThrow(/label 3 at position 1 is out of range for numClasses = 3/);
  });
});

describe("LabelEncoder", () => {
  it("maps sorted classes to indices and back", () => {
    const enc = new LabelEncoder().fit(["virginica", "setosa", "versicolor", "setosa"]);
    expect(enc.classes).toEqual(["setosa", "versicolor", "virginica"]);
    expect(Array.from(enc.transform(["virginica", "setosa"]).data)).toEqual([2, 0]);
    expect(enc.inverseTransform(tensor([1, 2]))).toEqual(["versicolor", "virginica"]);
    expect(Array.from(new LabelEncoder().fitTransform([10, 2, 10]).data)).toEqual([1, 0, 1]);
    expect(new LabelEncoder(["b", "a"]).inverseTransform([0])).toEqual(["b"]);
  });

  it("names unseen values and use before fit", () => {
    const enc = new LabelEncoder().fit(["a", "b"]);
    expect(() => enc.transform(["a", "c"])).toThrow(/value "c" at position 1 was not seen in fit \(classes: "a", "b"\)/);
    expect(() => enc.inverseTransform([2])).toThrow(/index 2 at position 0 is out of range/);
    expect(() => new LabelEncoder().transform(["a"])).toThrow(/LabelEncoder.transform: called before fit/);
    expect(() => new LabelEncoder().fit(["a", 1])).toThrow(/mix strings and numbers/);
  });
});
