// Verifier-side evaluation of the RAM multilinear extensions that come from the program and the
// statement, never from the proof (jolt-protocol.md §3 stages 2e and 4b, §7.4; docs/protocol.md,
// "RAM and registers: verifier-side MLEs"). Over K = 2^n RAM words (indices as in
// riscv/memory_layout.hpp), at a big-endian point r_address of n coordinates:
//
//   Init(r)    = Σ_k eq(r, k)·initial[k]   the program image words and the statement's inputs
//                                           (input length word and input bytes)
//   ValIO(r)   = Σ_k eq(r, k)·io[k]        inputs, outputs (length word and bytes), panic word,
//                                           termination word = 1 iff not panicked
//   io_mask(r) = Σ_{k < io_words} eq(r, k) the I/O block [0, io_words) as a range mask
//
// Cost: O(words + n) field operations for a word list in increasing index order (O(n) per word in
// the worst order), never O(K): consecutive indices differ in O(1) bits on average and each
// changed bit costs two multiplications (EqWalker). Preconditions (bugs otherwise, checked): every
// word index is below 2^n, i.e. K_ram lies within riscv::k_ram_bounds.
#pragma once

#include <span>

#include "rill/field/fr.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/util/int.hpp"

namespace rill::zkvm {

// eq(r, k) for a sequence of indices k, updated bit by bit: moving from k to k' multiplies out
// the factors of the bits that differ (inverses of every nonzero factor computed once, by one
// batch inversion; zero factors are counted apart, so coordinates 0 and 1 are fine).
class EqWalker {
 public:
  explicit EqWalker(std::span<const Fr> r);  // starts at index 0
  // eq(r, k); k < 2^n.
  Fr at(u64 k);

 private:
  // Factor of bit j with value b: r[n−1−j] for b = 1, 1 − r[n−1−j] for b = 0.
  const Fr& factor(unsigned j, unsigned b) const { return factors_[2 * j + b]; }
  const Fr& inverse(unsigned j, unsigned b) const { return inverses_[2 * j + b]; }

  unsigned n_;
  std::vector<Fr> factors_, inverses_;
  u64 index_ = 0;
  Fr product_ = Fr::one();  // of the nonzero factors at index_
  unsigned zeros_ = 0;      // zero factors at index_
};

// Σ_w eq(r, w.index)·w.value.
Fr sparse_word_mle(std::span<const Fr> r, std::span<const riscv::MemoryWord> words);

// The MLE of the indicator [begin ≤ k < end] over n = r.size() bits (0 ≤ begin ≤ end ≤ 2^n),
// as LT(r, end) − LT(r, begin) with LT(r, c) = Σ_{i: c_i = 1} (1 − r_i)·Π_{j > i} eq(r_j, c_j):
// O(n).
Fr range_mask_mle(std::span<const Fr> r, u64 begin, u64 end);

// io_mask(r): the range [0, io_words) of the I/O block.
Fr io_mask_mle(const riscv::MemoryLayout& layout, std::span<const Fr> r);

// Init(r) from the program image's words (riscv::program_image_words, the verifier's
// preprocessing) and the statement's input bytes. Throws InputError if the input exceeds its
// region.
Fr initial_ram_mle(std::span<const riscv::MemoryWord> image, const riscv::MemoryLayout& layout,
                   std::span<const u8> input, std::span<const Fr> r);
Fr initial_ram_mle(const riscv::Program& program, const riscv::MemoryLayout& layout,
                   std::span<const u8> input, std::span<const Fr> r);

// ValIO(r) from the statement: input and output bytes and the panic flag (termination word =
// !panicked). Throws InputError if the input or output exceeds its region.
Fr io_mle(const riscv::MemoryLayout& layout, std::span<const u8> input, std::span<const u8> output,
          bool panicked, std::span<const Fr> r);

}  // namespace rill::zkvm
