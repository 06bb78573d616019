import { describe, expect, it } from "vitest";
import { decodeIdx, parseCsv, parseIdx } from "./index.js";

describe("parseCsv", () => {
  const iris = "sepal_length,sepal_width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n";

  it("reads features and a text label column by name, label-encoded", () => {
    const d = parseCsv(iris, { labelColumn: "species" });
    expect(d.x.shape).toEqual([4, 2]);
    expect(Array.from(d.x.data)).toEqual([5.1, 3.5, 7.0, 3.2, 6.3, 3.3, 4.9, 3.0].map(Math.fround));
    expect(d.columns).toEqual(["sepal_length", "sepal_width"]);
    expect(d.labelName).toBe("species");
    expect(d.labelNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(Array.from(d.y!.data)).toEqual([0, 1, 2, 0]);
  });

  it("keeps a numeric label column as numbers; label by index, negative from the end", () => {
    const d = parseCsv("a;b;y\n1;2;0.5\n3;4;-1e2\n", { delimiter: ";", labelColumn: -1 });
    expect(Array.from(d.y!.data)).toEqual([0.5, -100]);
    expect(d.labelNames).toBeUndefined();
    expect(parseCsv("a,b,y\n1,2,3\n", { labelColumn: 0 }).columns).toEqual(["b", "y"]);
    const none = parseCsv("a,b\n1,2\n");
    expect(none.y).toBeNull();
    expect(none.x.shape).toEqual([1, 2]);
  });

  it("without a header, names columns by index", () => {
    const d = parseCsv("1,2,3\n4,5,6", { header: false, labelColumn: 2 });
    expect(d.x.toArray()).toEqual([[1, 2], [4, 5]]);
    expect(d.columns).toEqual(["column 0", "column 1"]);
    expect(Array.from(d.y!.data)).toEqual([3, 6]);
    expect(() => parseCsv("1,2", { header: false, labelColumn: "y" })).toThrow(/needs header: true/);
  });

  it("handles quotes, escaped quotes, CRLF, a BOM, blank lines and NaN", () => {
    const text = '\ufeff"x, one",label\r\n"1.5","say ""hi"""\r\n\r\n2,"multi\nline"\r\nNaN,z\r\n';
    const d = parseCsv(text, { labelColumn: "label" });
    expect(d.columns).toEqual(["x, one"]);
    expect(Array.from(d.x.data)).toEqual([1.5, 2, NaN]);
    expect(d.labelNames).toEqual(["multi\nline", 'say "hi"', "z"]);
  });

  it("a missing value names the line and the column", () => {
    const text = "a,b,c\n1,2,3\n4,,6\n";
    expect(() => parseCsv(text)).toThrow('parseCsv: line 3, column "b" (index 1): missing value (empty field)');
  });

  it("text in a number column names the line and the column", () => {
    const text = "a,b,label\n1,2,x\n\n3,abc,y\n";
    expect(() => parseCsv(text, { labelColumn: "label" })).toThrow(
      'parseCsv: line 4, column "b" (index 1): text "abc" in a number column (expected a number)',
    );
    expect(() => parseCsv("1,0x10\n", { header: false })).toThrow('parseCsv: line 1, column 1: text "0x10" in a number column');
  });

  it("a ragged row names the line, the field counts and the missing column", () => {
    expect(() => parseCsv("a,b,c\n1,2,3\n4,5\n")).toThrow(
      'parseCsv: line 3: ragged row with 2 fields, expected 3; column "c" (index 2) is missing',
    );
    expect(() => parseCsv("a,b\n1,2,3\n")).toThrow("parseCsv: line 2: ragged row with 3 fields, expected 2; extra field at column index 2");
  });

  it("counts lines inside quoted fields when naming a bad row", () => {
    expect(() => parseCsv('a,b\n"x\ny",1\n2,\n', { labelColumn: "a" })).toThrow(/line 4, column "b" \(index 1\): missing value/);
  });

  it("rejects a bad label column, an empty text and an unclosed quote", () => {
    expect(() => parseCsv(iris, { labelColumn: "kind" })).toThrow(/no column named "kind" \(columns: sepal_length, sepal_width, species\)/);
    expect(() => parseCsv(iris, { labelColumn: 3 })).toThrow(/labelColumn 3 is out of range for 3 columns/);
    expect(() => parseCsv("a,y\n1,\n", { labelColumn: "y" })).toThrow(/line 2, column "y" \(index 1\): missing value \(empty label\)/);
    expect(() => parseCsv("")).toThrow(/no rows/);
    expect(() => parseCsv('a\n"1\n')).toThrow(/line 2: a quoted field is not closed/);
  });
});

/** IDX bytes: magic, sizes, then values written big-endian by `put`. */
function idx(type: number, shape: number[], bytesPer: number, put: (v: DataView, off: number, i: number) => void): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const head = 4 + 4 * shape.length;
  const buf = new Uint8Array(head + count * bytesPer);
  const v = new DataView(buf.buffer);
  buf[2] = type;
  buf[3] = shape.length;
  shape.forEach((s, d) => v.setUint32(4 + 4 * d, s, false));
  for (let i = 0; i < count; i++) put(v, head + i * bytesPer, i);
  return buf;
}

describe("parseIdx", () => {
  it("reads every element type big-endian, any rank", () => {
    const u8 = parseIdx(idx(0x08, [2, 3], 1, (v, o, i) => v.setUint8(o, 250 + i)));
    expect(u8.shape).toEqual([2, 3]);
    expect(Array.from(u8.data)).toEqual([250, 251, 252, 253, 254, 255]);
    expect(Array.from(parseIdx(idx(0x09, [2], 1, (v, o, i) => v.setInt8(o, -5 * (i + 1)))).data)).toEqual([-5, -10]);
    expect(Array.from(parseIdx(idx(0x0b, [2], 2, (v, o, i) => v.setInt16(o, i ? -300 : 300, false))).data)).toEqual([300, -300]);
    expect(Array.from(parseIdx(idx(0x0c, [1, 1, 2], 4, (v, o, i) => v.setInt32(o, i ? -70000 : 70000, false))).data)).toEqual([70000, -70000]);
    expect(Array.from(parseIdx(idx(0x0d, [2], 4, (v, o, i) => v.setFloat32(o, i + 0.5, false))).data)).toEqual([0.5, 1.5]);
    expect(Array.from(parseIdx(idx(0x0e, [2], 8, (v, o, i) => v.setFloat64(o, -i - 0.25, false))).data)).toEqual([-0.25, -1.25]);
    const raw = decodeIdx(idx(0x0c, [2], 4, (v, o) => v.setInt32(o, 2 ** 30 + 1, false)));
    expect(raw.dtype).toBe("int32");
    expect(Array.from(raw.data)).toEqual([2 ** 30 + 1, 2 ** 30 + 1]);
  });

  it("a truncated buffer says how many bytes were expected and found", () => {
    const full = idx(0x08, [10, 28, 28], 1, () => {});
    expect(() => parseIdx(full.subarray(0, 100))).toThrow("IDX data is truncated: its header says 10×28×28 uint8 (7856 bytes in all), found 100 bytes");
    expect(() => parseIdx(full.subarray(0, 6))).toThrow(/header of a rank-3 array needs 16 bytes, found 6/);
  });

  it("rejects a bad magic number (naming the bytes) and trailing bytes", () => {
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]))).toThrow(/magic bytes 1f 8b 08 00.*gzipped\?/);
    const extra = new Uint8Array([...idx(0x08, [1], 1, () => {}), 0]);
    expect(() => parseIdx(extra)).toThrow(/has 1 bytes after the data/);
  });
});
