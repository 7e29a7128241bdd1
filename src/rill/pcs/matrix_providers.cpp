#include "rill/pcs/matrix_providers.hpp"

#include <algorithm>

#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

// out[c] = Σ_ρ L[ρ]·M[ρ][c], columns split across threads; term(ρ, c, weight) returns
// weight·M[ρ][c].
template <class Term>
void row_weighted_sum(std::span<const Fr> weights, u64 rows, u64 columns, std::span<Fr> out,
                      Term&& term) {
  RILL_CHECK_EQ(out.size(), columns, "VMP output has one entry per column");
  parallel_for(0, columns, 256, [&](u64 lo, u64 hi) {
    std::fill(out.begin() + lo, out.begin() + hi, Fr::zero());
    for (u64 r = 0; r < rows; ++r) {
      for (u64 c = lo; c < hi; ++c) out[c] += term(r, c, weights[r]);
    }
  });
}

}  // namespace

DenseMatrixProvider::DenseMatrixProvider(std::span<const Fr> evals, MatrixShape shape)
    : evals_(evals), shape_(shape) {
  RILL_CHECK(evals.size() <= (u64{1} << shape.num_vars()), "more evaluations than the shape holds");
}

void DenseMatrixProvider::vector_matrix_product(std::span<const Fr>, std::span<const Fr> weights,
                                                std::span<Fr> out) const {
  const u64 columns = shape_.columns();
  const u64 rows = (evals_.size() + columns - 1) / columns;
  row_weighted_sum(weights, rows, columns, out, [&](u64 r, u64 c, const Fr& w) {
    const u64 i = r * columns + c;
    return i < evals_.size() ? w * evals_[i] : Fr::zero();
  });
}

DoryCommitment DenseMatrixProvider::commit(const DorySetup& setup) const {
  CommitmentBuilder builder(setup, shape_);
  const u64 columns = shape_.columns();
  const u64 rows = (evals_.size() + columns - 1) / columns;
  parallel_for(0, rows, 1, [&](u64 lo, u64 hi) {
    for (u64 r = lo; r < hi; ++r) {
      const u64 begin = r * columns, end = std::min<u64>(begin + columns, evals_.size());
      builder.add_field_row(r, evals_.subspan(begin, end - begin));
    }
  });
  return builder.finish();
}

SmallIntMatrixProvider::SmallIntMatrixProvider(std::span<const i64> evals, MatrixShape shape)
    : evals_(evals), shape_(shape) {
  RILL_CHECK(evals.size() <= (u64{1} << shape.num_vars()), "more evaluations than the shape holds");
}

void SmallIntMatrixProvider::vector_matrix_product(std::span<const Fr>, std::span<const Fr> weights,
                                                   std::span<Fr> out) const {
  const u64 columns = shape_.columns();
  const u64 rows = (evals_.size() + columns - 1) / columns;
  row_weighted_sum(weights, rows, columns, out, [&](u64 r, u64 c, const Fr& w) {
    const u64 i = r * columns + c;
    return i < evals_.size() ? w.mul_i64(evals_[i]) : Fr::zero();
  });
}

DoryCommitment SmallIntMatrixProvider::commit(const DorySetup& setup) const {
  CommitmentBuilder builder(setup, shape_);
  const u64 columns = shape_.columns();
  const u64 rows = (evals_.size() + columns - 1) / columns;
  parallel_for(0, rows, 1, [&](u64 lo, u64 hi) {
    for (u64 r = lo; r < hi; ++r) {
      const u64 begin = r * columns, end = std::min<u64>(begin + columns, evals_.size());
      builder.add_i64_row(r, evals_.subspan(begin, end - begin));
    }
  });
  return builder.finish();
}

OneHotMatrixProvider::OneHotMatrixProvider(std::span<const u32> hot_address, u32 num_addresses,
                                           MatrixShape shape)
    : hot_address_(hot_address), num_addresses_(num_addresses), shape_(shape) {
  RILL_CHECK_EQ(u64{hot_address.size()} * num_addresses, u64{1} << shape.num_vars(),
                "one-hot polynomial must fill the shape: K·T = 2^n");
  RILL_CHECK(hot_address.size() >= shape.columns(), "CycleMajor one-hot needs T ≥ 2^σ");
}

void OneHotMatrixProvider::vector_matrix_product(std::span<const Fr>, std::span<const Fr> weights,
                                                 std::span<Fr> out) const {
  const u64 columns = shape_.columns();
  const u64 chunks = hot_address_.size() / columns;  // rows per address
  // Chunk w contributes to every column once; threads own disjoint column ranges.
  parallel_for(0, columns, 256, [&](u64 lo, u64 hi) {
    for (u64 c = lo; c < hi; ++c) {
      Fr acc = Fr::zero();
      for (u64 w = 0; w < chunks; ++w) {
        const u32 k = hot_address_[w * columns + c];
        if (k != kNoHotAddress) acc += weights[k * chunks + w];
      }
      out[c] = acc;
    }
  });
}

DoryCommitment OneHotMatrixProvider::commit(const DorySetup& setup,
                                            const PreparedRowGenerators* prepared) const {
  CommitmentBuilder builder(setup, shape_);
  const u64 columns = shape_.columns();
  const u64 chunks = hot_address_.size() / columns;
  parallel_for(0, chunks, 1, [&](u64 lo, u64 hi) {
    for (u64 w = lo; w < hi; ++w) {
      builder.add_one_hot_chunk(w, hot_address_.subspan(w * columns, columns), num_addresses_);
    }
  });
  return builder.finish(prepared);
}

}  // namespace rill
