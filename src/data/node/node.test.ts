import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { FASHION_MNIST_DIR, loadFashionMnist, loadMnist, readCsv, readIdx } from "../../node.js";

const dir = mkdtempSync(join(tmpdir(), "nabla-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A uint8 IDX file's bytes: magic, sizes, then values. */
function idxU8(shape: number[], values: (i: number) => number): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const head = 4 + 4 * shape.length;
  const buf = new Uint8Array(head + count);
  const v = new DataView(buf.buffer);
  buf[2] = 0x08;
  buf[3] = shape.length;
  shape.forEach((s, d) => v.setUint32(4 + 4 * d, s, false));
  for (let i = 0; i < count; i++) buf[head + i] = values(i);
  return buf;
}

describe("readCsv", () => {
  it("reads a file, and its errors name the file, line and column", () => {
    const good = join(dir, "good.csv");
    writeFileSync(good, "x1,x2,kind\n1,2,cat\n3,4,dog\n");
    const d = readCsv(good, { labelColumn: "kind" });
    expect(d.x.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(d.labelNames).toEqual(["cat", "dog"]);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "x1,x2,kind\n1,2,cat\n3,oops,dog\n");
    expect(() => readCsv(bad, { labelColumn: "kind" })).toThrow(`readCsv: ${bad}: line 3, column "x2" (index 1): text "oops" in a number column`);
    expect(() => readCsv(join(dir, "absent.csv"))).toThrow(/readCsv: cannot read .*absent.csv: no such file/);
  });
});

describe("readIdx", () => {
  const bytes = idxU8([3, 2, 2], (i) => i * 10);

  it("reads plain and gzipped files alike (detected by magic bytes)", () => {
    const plain = join(dir, "a-idx3-ubyte");
    const gz = join(dir, "a-idx3-ubyte.gz");
    writeFileSync(plain, bytes);
    writeFileSync(gz, gzipSync(bytes));
    for (const path of [plain, gz]) {
      const t = readIdx(path);
      expect(t.shape).toEqual([3, 2, 2]);
      expect(Array.from(t.data)).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
    }
  });

  it("a truncated file names the file and the bytes expected vs found", () => {
    const big = idxU8([100, 28, 28], (i) => (i * 7) % 256);
    const cut = join(dir, "cut-idx3-ubyte");
    writeFileSync(cut, big.subarray(0, 5000));
    expect(() => readIdx(cut)).toThrow(`readIdx: IDX file ${cut} is truncated: its header says 100×28×28 uint8 (78416 bytes in all), found 5000 bytes`);
    const gz = gzipSync(big);
    const cutGz = join(dir, "cut-idx3-ubyte.gz");
    writeFileSync(cutGz, gz.subarray(0, Math.floor(gz.length / 2)));
    expect(() => readIdx(cutGz)).toThrow(new RegExp(`readIdx: IDX file ${cutGz} \\(after gunzip\\) is truncated: its header says 100×28×28 uint8 \\(78416 bytes in all\\), found \\d+ bytes`));
  });

  it("names a corrupt gzip file", () => {
    const bad = join(dir, "bad.gz");
    writeFileSync(bad, new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4, 5]));
    expect(() => readIdx(bad)).toThrow(/readIdx: .*bad.gz is gzipped but cannot be unzipped/);
  });
});

describe("loadMnist", () => {
  it("reads MNIST-layout IDX files from a folder, either spelling, scaled to [0, 1]", () => {
    const mnist = mkdtempSync(join(dir, "mnist-"));
    writeFileSync(join(mnist, "t10k-images.idx3-ubyte"), idxU8([4, 28, 28], (i) => (i % 784 === 0 ? 255 : i % 2)));
    writeFileSync(join(mnist, "t10k-labels-idx1-ubyte.gz"), gzipSync(idxU8([4], (i) => 9 - i)));
    const d = loadMnist(mnist, { split: "test" });
    expect(d.x.shape).toEqual([4, 784]);
    expect(d.x.data[0]).toBe(1);
    expect(d.x.data[1]).toBeCloseTo(1 / 255, 7);
    expect(Array.from(d.y.data)).toEqual([9, 8, 7, 6]);
    expect(() => loadMnist(mnist)).toThrow(/loadMnist: .*train-images-idx3-ubyte.gz not found/);
  });

  it("rejects image and label files that disagree", () => {
    const mnist = mkdtempSync(join(dir, "mnist-"));
    writeFileSync(join(mnist, "train-images-idx3-ubyte"), idxU8([3, 28, 28], () => 0));
    writeFileSync(join(mnist, "train-labels-idx1-ubyte"), idxU8([2], () => 0));
    expect(() => loadMnist(mnist)).toThrow(/train-labels-idx1-ubyte holds 2 uint8, expected 3 uint8 labels/);
  });
});

describe("loadFashionMnist", () => {
  it("says which Debian package to install when the files are absent", () => {
    expect(() => loadFashionMnist({ dir: join(dir, "nowhere") })).toThrow(
      /not found\. Install Debian's package dataset-fashion-mnist \(apt-get install -y dataset-fashion-mnist\)/,
    );
    expect(() => loadFashionMnist({ split: "valid" as "test" })).toThrow(/split must be "train" or "test", got "valid"/);
  });

  const installed = existsSync(join(FASHION_MNIST_DIR, "train-images-idx3-ubyte.gz"));
  if (!installed) console.warn(`skipping Fashion-MNIST tests: ${FASHION_MNIST_DIR} is missing (apt-get install -y dataset-fashion-mnist)`);

  it.skipIf(!installed)("loads the 60000 training images scaled to [0, 1], 6000 per class", () => {
    const d = loadFashionMnist({ split: "train" });
    expect(d.x.shape).toEqual([60000, 784]);
    expect(d.y.shape).toEqual([60000]);
    const counts = new Array(10).fill(0);
    for (const v of d.y.data) counts[v]++;
    expect(counts).toEqual(new Array(10).fill(6000));
    let min = Infinity;
    let max = -Infinity;
    for (const v of d.x.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 1]);
    expect(d.classNames[9]).toBe("Ankle boot");
  });

  it.skipIf(!installed)("loads the 10000 test images, 1000 per class", () => {
    const d = loadFashionMnist({ split: "test" });
    expect(d.x.shape).toEqual([10000, 784]);
    const counts = new Array(10).fill(0);
    for (const v of d.y.data) counts[v]++;
    expect(counts).toEqual(new Array(10).fill(1000));
  });
});
