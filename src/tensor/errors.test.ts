/** Bad arguments throw errors that name the op, what was given and what was expected: never a silent wrong result. */
import { describe, expect, it } from "vitest";
import * as nb from "./index.js";
import { Tensor, tensor, zeros, ones } from "./index.js";

const x23 = (): Tensor => zeros([2, 3]);

describe("shape errors name the op and the shapes", () => {
  it("matmul inner dimensions", () => {
    expect(() => nb.matmul(zeros([5, 4]), zeros([3, 3]))).toThrow("matmul: cannot multiply [5,4] by [3,3]: inner dimensions 4 and 3 differ");
    expect(() => nb.matmul(zeros([3]), zeros([4, 5]))).toThrow("matmul: cannot multiply [3] by [4,5]: inner dimensions 3 and 4 differ");
    expect(() => nb.matmul(zeros([2, 3, 4]), zeros([5]))).toThrow("matmul: cannot multiply [2,3,4] by [5]: inner dimensions 4 and 5 differ");
    expect(() => nb.matmul(zeros([4]), zeros([5]))).toThrow("matmul: cannot multiply [4] by [5]: inner dimensions 4 and 5 differ");
    expect(() => nb.matmul(zeros([2, 3, 4]), zeros([3, 4, 5]))).toThrow(
      "matmul: cannot multiply [2,3,4] by [3,4,5]: batch dims [2] and [3] cannot be broadcast",
    );
    expect(() => nb.matmul(zeros([]), zeros([3]))).toThrow(/matmul: both arguments need at least 1 dim, got shapes \[\] and \[3\]/);
    expect(() => nb.dot(zeros([3]), zeros([4]))).toThrow(/dot: expected two 1-D tensors of one length, got shapes \[3\] and \[4\]/);
    expect(() => nb.mmT(zeros([3, 4]), zeros([3, 4]), false, false)).toThrow(/matmul: cannot multiply \[3,4\] by \[3,4\]/);
  });

  it("broadcasting ops", () => {
    expect(() => nb.add(x23(), zeros([4]))).toThrow("add: shapes [2,3] and [4] cannot be broadcast: size 3 and 4 differ at dim -1");
    expect(() => nb.mul(zeros([2, 1, 3]), zeros([4, 2]))).toThrow(/^mul: shapes \[2,1,3\] and \[4,2\] cannot be broadcast/);
    expect(() => nb.where(tensor([1, 0]), x23(), 0)).toThrow(/^where: shapes \[2\] and \[2,3\] cannot be broadcast/);
    expect(() => nb.expand(x23(), [4, 3])).toThrow(/^expand: cannot expand shape \[2,3\] to \[4,3\]/);
    expect(() => nb.lt(x23(), zeros([3, 2]))).toThrow(/^lt: shapes \[2,3\] and \[3,2\]/);
    expect(() => nb.expand(zeros([3, 1]), [-1, 3, 4])).toThrow("expand: size -1 is not allowed in the new leading dim 0 of [-1,3,4]");
  });

  it("joining and splitting", () => {
    expect(() => nb.cat([x23(), zeros([2, 4])], 0)).toThrow(/^cat: tensor 1 has shape \[2,4\], expected \[\*,3\]/);
    expect(() => nb.cat([], 0)).toThrow(/cat: expected at least one tensor/);
    expect(() => nb.cat([tensor(1), tensor(2)])).toThrow(/cat: zero-dimensional tensor 0 cannot be concatenated/);
    expect(() => nb.stack([x23(), zeros([3, 2])])).toThrow(/^stack: tensor 1 has shape \[3,2\], expected \[2,3\]/);
    expect(() => nb.split(zeros([5]), [2, 2])).toThrow(/^split: sizes \[2,2\] add up to 4, but dim 0 has size 5/);
    expect(() => nb.split(zeros([5]), 0)).toThrow(/^split: splitSize must be a positive integer, got 0/);
    expect(() => nb.chunk(zeros([5]), 0)).toThrow(/^chunk: chunks must be a positive integer, got 0/);
    expect(() => nb.narrow(zeros([4]), 0, 3, 2)).toThrow(/^narrow: start 3 and length 2 are out of range for dim 0 of size 4/);
  });

  it("reshapes", () => {
    expect(() => nb.reshape(x23(), [4, 4])).toThrow("reshape: shape [4,4] is invalid for a tensor of shape [2,3] (6 elements)");
    expect(() => nb.reshape(x23(), [-1, -1])).toThrow(/reshape: only one dim can be -1/);
    expect(() => nb.reshape(x23(), [4, -1])).toThrow(/reshape: shape \[4,-1\] is invalid for a tensor of shape \[2,3\]/);
    expect(() => nb.reshape(x23(), [NaN, 6])).toThrow(/reshape: invalid size NaN at index 0/);
    expect(() => nb.reshape(x23(), [-2, -3])).toThrow(/reshape: invalid size -2 at index 0/);
    expect(() => nb.permute(x23(), [0, 0])).toThrow(/permute: repeated dim in \[0,0\]/);
    expect(() => nb.permute(x23(), [0])).toThrow(/permute: got 1 dims \[0\] for a tensor of rank 2/);
    expect(() => nb.flatten(zeros([2, 3, 4]), 2, 1)).toThrow(/flatten: startDim 2 comes after endDim 1/);
  });
});

describe("out-of-range dims and indices", () => {
  const rank2 = /dim (5|-3|1\.5) is out of range for a tensor of rank 2 \(expected -2 <= dim < 2\)/;
  const ops: [string, (d: number) => unknown][] = [
    ["sum", (d) => nb.sum(x23(), d)], ["mean", (d) => nb.mean(x23(), d)], ["prod", (d) => nb.prod(x23(), d)],
    ["max", (d) => nb.max(x23(), d)], ["min", (d) => nb.min(x23(), d)], ["argmax", (d) => nb.argmax(x23(), d)],
    ["argmin", (d) => nb.argmin(x23(), d)], ["var", (d) => nb.variance(x23(), d)], ["std", (d) => nb.std(x23(), d)],
    ["logsumexp", (d) => nb.logsumexp(x23(), d)], ["norm", (d) => nb.norm(x23(), 2, d)],
    ["softmax", (d) => nb.softmax(x23(), d)], ["logSoftmax", (d) => nb.logSoftmax(x23(), d)],
    ["transpose", (d) => nb.transpose(x23(), 0, d)], ["squeeze", (d) => nb.squeeze(x23(), d)],
    ["flatten", (d) => nb.flatten(x23(), d)], ["cat", (d) => nb.cat([x23(), x23()], d)],
    ["narrow", (d) => nb.narrow(x23(), d, 0, 1)], ["split", (d) => nb.split(x23(), 1, d)],
    ["select", (d) => nb.select(x23(), d, 0)], ["indexSelect", (d) => nb.indexSelect(x23(), d, [0])],
    ["gather", (d) => nb.gather(x23(), d, tensor([[0]]))], ["chunk", (d) => nb.chunk(x23(), 2, d)],
  ];
  for (const [op, f] of ops) {
    it(`${op} rejects dims 5, -3 and 1.5`, () => {
      for (const d of [5, -3, 1.5]) expect(() => f(d)).toThrow(new RegExp(`^${op}: ${rank2.source}`));
    });
  }
  it("unsqueeze and stack allow one more dim", () => {
    expect(nb.unsqueeze(x23(), 2).shape).toEqual([2, 3, 1]);
    expect(() => nb.unsqueeze(x23(), 3)).toThrow(/^unsqueeze: dim 3 is out of range for a tensor of rank 3/);
    expect(() => nb.stack([x23()], -4)).toThrow(/^stack: dim -4 is out of range/);
  });
  it("indices", () => {
    expect(() => nb.indexSelect(zeros([4, 2]), 0, [1, 4])).toThrow("indexSelect: index 4 at position 1 is out of range for a dim of size 4 (expected an integer in [0, 4))");
    expect(() => nb.indexSelect(zeros([4, 2]), 0, [-1])).toThrow(/indexSelect: index -1 at position 0 is out of range/);
    expect(() => nb.indexSelect(zeros([4, 2]), 0, tensor([0.5]))).toThrow(/indexSelect: index 0.5 at position 0 is out of range/);
    expect(() => nb.indexSelect(zeros([4, 2]), 0, zeros([1, 1]))).toThrow(/indexSelect: index must be 1-D, got shape \[1,1\]/);
    expect(() => nb.gather(x23(), 1, tensor([[0, 3], [1, 1]]))).toThrow(/gather: index 3 at position 1 is out of range for a dim of size 3/);
    expect(() => nb.gather(x23(), 1, tensor([[0], [1], [2]]))).toThrow(/gather: index of shape \[3,1\] does not fit input of shape \[2,3\] along dim 1/);
    expect(() => nb.select(x23(), 1, 3)).toThrow("select: index 3 is out of range for dim 1 of size 3");
    expect(() => x23().get(-3)).toThrow(/select: index -3 is out of range for dim 0 of size 2/);
  });
});

describe("creation arguments", () => {
  it("tensor(data, { shape }) checks the data length and the shape", () => {
    expect(() => tensor([1, 2, 3, 4, 5], { shape: [2, 3] })).toThrow("tensor: 5 values given but shape [2,3] needs 6");
    expect(() => tensor(new Float32Array(6), { shape: [2, -3] })).toThrow(/tensor: invalid size -3 at index 1 of shape \[2,-3\]/);
    expect(() => tensor([1, 2], { shape: [NaN] })).toThrow(/tensor: invalid size NaN/);
    expect(() => tensor([[1, 2]], { shape: [2] })).toThrow(/tensor: with \{ shape \}, values must be a flat array/);
  });
  it("nested arrays must be rectangular numbers", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow("tensor: ragged nested array: values[1] has length 1, expected length 2");
    expect(() => tensor([[1, 2], 3] as never)).toThrow(/tensor: ragged nested array: values\[1\] has no array, expected length 2/);
    expect(() => tensor([1, [2]] as never)).toThrow(/tensor: expected a number at values\[1\], got object/);
    expect(() => tensor([1, "2"] as never)).toThrow(/tensor: expected a number at values\[1\], got string/);
    expect(() => tensor([[1], [null]] as never)).toThrow(/tensor: expected a number at values\[1\]\[0\], got null/);
  });
  it("sizes must be non-negative integers", () => {
    expect(() => zeros([2, NaN])).toThrow("zeros: invalid size NaN at index 1 of shape [2,NaN] (expected a non-negative integer)");
    expect(() => ones([-1])).toThrow(/ones: invalid size -1 at index 0/);
    expect(() => nb.full(2.5, 1)).toThrow(/full: invalid size 2.5 at index 0/);
    expect(() => nb.rand([Infinity])).toThrow(/rand: invalid size Infinity/);
    expect(() => nb.randn([2, -2])).toThrow(/randn: invalid size -2/);
    expect(() => nb.randint(0, 5, [NaN])).toThrow(/randint: invalid size NaN/);
    expect(() => nb.eye(-1)).toThrow(/eye: invalid size -1/);
    expect(() => nb.eye(2, 1.5)).toThrow(/eye: invalid size 1.5/);
    expect(() => new Tensor(new Float32Array(6), [-2, -3])).toThrow(/Tensor: invalid size -2 at index 0 of shape \[-2,-3\]/);
  });
  it("ranges", () => {
    expect(() => nb.arange(0, 1, 0)).toThrow("arange: step must be nonzero");
    expect(() => nb.arange(0, Infinity)).toThrow(/arange: start, end and step must be finite/);
    expect(() => nb.arange(0, 5, -1)).toThrow(/arange: step -1 has the wrong sign to go from 0 to 5/);
    expect(() => nb.linspace(0, 1, -2)).toThrow(/linspace: steps must be a non-negative integer, got -2/);
    expect(() => nb.linspace(0, NaN, 3)).toThrow(/linspace: start and end must be finite, got 0 and NaN/);
    expect(() => nb.randint(5, 5, [2])).toThrow(/randint: expected integers low < high, got low=5, high=5/);
    expect(() => nb.randint(5)).toThrow("randint: expected (high, shape) or (low, high, shape), got 1 argument(s)");
  });
});

describe("other arguments", () => {
  it("item, copy_, clamp, gelu, reductions of empty tensors, non-tensor operands", () => {
    expect(() => x23().item()).toThrow(/item: only a one-element tensor can be read as a number, this one has shape \[2,3\]/);
    expect(() => x23().copy_(zeros([3]))).toThrow(/copy_: source has shape \[3\], destination has shape \[2,3\]/);
    expect(() => nb.clamp(x23(), NaN, 1)).toThrow(/clamp: min and max must not be NaN/);
    expect(() => nb.gelu(x23(), "fast" as never)).toThrow(/gelu: approximate must be "none" or "tanh", got "fast"/);
    expect(() => nb.max(zeros([0]))).toThrow(/max: cannot reduce an empty tensor of shape \[0\]/);
    expect(() => nb.argmin(zeros([2, 0]), 1)).toThrow(/argmin: cannot reduce an empty tensor of shape \[2,0\]/);
    expect(() => nb.add(x23(), "1" as never)).toThrow(/add: expected a Tensor or a number, got string/);
    expect(() => nb.norm(x23(), Infinity, [0, 1])).toThrow(/norm: p = Infinity takes a single dim/);
    expect(() => new nb.Generator(NaN)).toThrow(/manualSeed: seed must be a finite number, got NaN/);
  });
});
