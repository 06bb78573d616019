import { describe, expect, test } from "vitest";
import { SETTINGS, defaults, effectOf, fromQuery, toQuery, type AnySetting, type Settings } from "./settings.js";

/** A value other than the default, valid for the setting. */
function otherValue(spec: AnySetting): unknown {
  if (spec.choices) return spec.choices.map(([v]) => v).find((v) => JSON.stringify(v) !== JSON.stringify(spec.default));
  if (spec.control === "checkbox") return !spec.default;
  if (spec.control === "slider") return spec.max;
  if (spec.control === "number") return 42;
  const custom: Partial<Record<keyof Settings, unknown>> = {
    dataset: "spiral", features: ["x1", "sinX2"], networkShape: [8, 3, 1], layerActivations: ["relu", "sigmoid"],
  };
  return custom[spec.key];
}

describe("settings table and URL", () => {
  test("defaults make an empty query, and an empty query gives the defaults", () => {
    expect(toQuery(defaults())).toBe("");
    expect(fromQuery("")).toEqual(defaults());
  });

  test("every setting survives a round trip through the URL", () => {
    for (const spec of SETTINGS) {
      const v = otherValue(spec);
      expect(v, spec.key).not.toBeUndefined();
      const s = { ...defaults(), [spec.key]: v } as Settings;
      const q = toQuery(s);
      expect(q, spec.key).toContain(`${spec.url}=`);
      expect(fromQuery(q)[spec.key], spec.key).toEqual(v);
    }
  });

  test("all settings at once, as a shared link would carry them", () => {
    const s = { ...defaults() } as Record<string, unknown>;
    for (const spec of SETTINGS) s[spec.key] = otherValue(spec);
    // the dataset must belong to the problem type
    s.problem = "classification";
    const back = fromQuery(toQuery(s as unknown as Settings));
    expect(back).toEqual(s);
  });

  test("unknown or invalid values fall back to the defaults; sizes are clamped to the limits", () => {
    const s = fromQuery("learningRate=banana&activation=evil&networkShape=99,0,3&noise=77&batchSize=0&features=x1,nope&dropout=0.25&zzz=1");
    expect(s.learningRate).toBe(defaults().learningRate);
    expect(s.activation).toBe(defaults().activation);
    expect(s.networkShape).toEqual([8, 1, 3]);
    expect(s.noise).toBe(50);
    expect(s.batchSize).toBe(1);
    expect(s.features).toEqual(defaults().features);
    expect(s.dropout).toBe(0);
  });

  test("more than 6 layers or 8 neurons only with the limits lifted", () => {
    expect(fromQuery("networkShape=20,3,3,3,3,3,3,3").networkShape).toEqual([8, 3, 3, 3, 3, 3]);
    expect(fromQuery("networkShape=20,3,3,3,3,3,3,3&unlimited=true").networkShape).toEqual([20, 3, 3, 3, 3, 3, 3, 3]);
  });

  test("the dataset follows the problem type", () => {
    expect(fromQuery("problem=regression&dataset=spiral").dataset).toBe("regressPlane");
    expect(fromQuery("problem=regression&dataset=regressGaussian").dataset).toBe("regressGaussian");
    expect(fromQuery("dataset=regressGaussian").dataset).toBe("circle");
  });

  test("a change's effect is the strongest of its keys", () => {
    expect(effectOf(["showTestData"])).toBe("view");
    expect(effectOf(["learningRate", "showTestData"])).toBe("live");
    expect(effectOf(["learningRate", "networkShape"])).toBe("network");
    expect(effectOf(["noise", "networkShape"])).toBe("data");
  });

  test("every row has a distinct URL key and a label", () => {
    const urls = SETTINGS.map((s) => s.url);
    expect(new Set(urls).size).toBe(urls.length);
    for (const s of SETTINGS) expect(s.label.length, s.key).toBeGreaterThan(0);
  });
});
