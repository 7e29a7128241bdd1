#include "rill/zkvm/witness/ram_mles.hpp"

#include <bit>

#include "rill/field/batch_inverse.hpp"
#include "rill/util/check.hpp"

namespace rill::zkvm {

EqWalker::EqWalker(std::span<const Fr> r)
    : n_(static_cast<unsigned>(r.size())), factors_(2 * r.size()), inverses_(2 * r.size()) {
  RILL_CHECK(n_ <= 63, "at most 63 address variables");
  for (unsigned j = 0; j < n_; ++j) {
    const Fr& w = r[n_ - 1 - j];
    factors_[2 * j] = Fr::one() - w;
    factors_[2 * j + 1] = w;
  }
  inverses_ = factors_;
  batch_inverse(std::span<Fr>(inverses_));  // zeros stay zero and are never used as inverses
  // Index 0: every bit is 0.
  for (unsigned j = 0; j < n_; ++j) {
    if (factor(j, 0).is_zero()) {
      ++zeros_;
    } else {
      product_ *= factor(j, 0);
    }
  }
}

Fr EqWalker::at(u64 k) {
  RILL_CHECK(n_ == 63 || k < (u64{1} << n_), "index beyond the hypercube");
  // eq(r, k) = Π_j factor(j, k_j): swap the factors of the bits where k and index_ differ.
  for (u64 diff = k ^ index_; diff != 0; diff &= diff - 1) {
    const unsigned j = static_cast<unsigned>(std::countr_zero(diff));
    const unsigned old_bit = static_cast<unsigned>((index_ >> j) & 1);
    if (factor(j, old_bit).is_zero()) {
      --zeros_;
    } else {
      product_ *= inverse(j, old_bit);
    }
    if (factor(j, 1 - old_bit).is_zero()) {
      ++zeros_;
    } else {
      product_ *= factor(j, 1 - old_bit);
    }
  }
  index_ = k;
  return zeros_ != 0 ? Fr::zero() : product_;
}

Fr sparse_word_mle(std::span<const Fr> r, std::span<const riscv::MemoryWord> words) {
  EqWalker eq(r);
  Fr sum = Fr::zero();
  for (const riscv::MemoryWord& w : words) {
    if (w.value != 0) sum += eq.at(w.index) * Fr::from_u64(w.value);
  }
  return sum;
}

namespace {

// LT(r, c) = MLE of [k < c] over n bits, c ≤ 2^n: k < c iff at the highest bit i where they
// differ, c_i = 1 and k_i = 0; above it k_j = c_j.
Fr less_than_constant(std::span<const Fr> r, u64 c) {
  const unsigned n = static_cast<unsigned>(r.size());
  if (n < 64 && c >= (u64{1} << n)) return Fr::one();
  Fr sum = Fr::zero(), above = Fr::one();  // above = Π_{j > i} eq(r_j, c_j)
  for (unsigned i = n; i-- > 0;) {
    const Fr& w = r[n - 1 - i];  // coordinate of bit i
    if ((c >> i) & 1) {
      sum += above * (Fr::one() - w);
      above *= w;
    } else {
      above *= Fr::one() - w;
    }
  }
  return sum;
}

}  // namespace

Fr range_mask_mle(std::span<const Fr> r, u64 begin, u64 end) {
  RILL_CHECK(begin <= end, "range mask: begin after end");
  RILL_CHECK(r.size() >= 64 || end <= (u64{1} << r.size()), "range mask beyond the hypercube");
  return less_than_constant(r, end) - less_than_constant(r, begin);
}

Fr io_mask_mle(const riscv::MemoryLayout& layout, std::span<const Fr> r) {
  return range_mask_mle(r, 0, layout.io_words());
}

Fr initial_ram_mle(std::span<const riscv::MemoryWord> image, const riscv::MemoryLayout& layout,
                   std::span<const u8> input, std::span<const Fr> r) {
  // The initial I/O block holds only the inputs (no outputs, panic or termination yet); its
  // indices lie below the image's, so the walk stays in increasing order.
  const std::vector<riscv::MemoryWord> io = riscv::io_words(layout, input, {}, false, false);
  EqWalker eq(r);
  Fr sum = Fr::zero();
  for (std::span<const riscv::MemoryWord> words : {std::span<const riscv::MemoryWord>(io), image}) {
    for (const riscv::MemoryWord& w : words) {
      if (w.value != 0) sum += eq.at(w.index) * Fr::from_u64(w.value);
    }
  }
  return sum;
}

Fr initial_ram_mle(const riscv::Program& program, const riscv::MemoryLayout& layout,
                   std::span<const u8> input, std::span<const Fr> r) {
  const std::vector<riscv::MemoryWord> image = riscv::program_image_words(program, layout);
  return initial_ram_mle(image, layout, input, r);
}

Fr io_mle(const riscv::MemoryLayout& layout, std::span<const u8> input, std::span<const u8> output,
          bool panicked, std::span<const Fr> r) {
  const std::vector<riscv::MemoryWord> io =
      riscv::io_words(layout, input, output, panicked, !panicked);
  return sparse_word_mle(r, io);
}

}  // namespace rill::zkvm
