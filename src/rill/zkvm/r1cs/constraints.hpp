// The uniform per-cycle constraint system (reference jolt-protocol.md §4.2, XLEN = 32): the
// same 19 constraints hold on every cycle, each of the form guard·(left − right) = 0 with guard,
// left and right affine combinations of the cycle's R1CS inputs. In Spartan terms guard is the
// row of A, left − right the row of B, and there is no C.
//
// This table is the only place the constraints are written down: the checker, the stage-1
// prover (Az, Bz per row) and the verifier's final check (Az, Bz at the opening claims) all read
// it.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/witness/r1cs_inputs.hpp"

namespace rill::zkvm {

struct Term {
  Input input;
  i64 coeff;
};

// constant + Σ coeff·input, with at most four terms.
struct Affine {
  static constexpr std::size_t kMaxTerms = 4;
  i64 constant = 0;
  std::array<Term, kMaxTerms> terms{};
  std::size_t num_terms = 0;

  std::span<const Term> active() const { return {terms.data(), num_terms}; }
};

struct Constraint {
  std::string_view label;
  Affine guard;
  Affine left;
  Affine right;
};

inline constexpr std::size_t kNumConstraints = 19;
// The constraint index has ⌈log2 19⌉ = 5 variables; rows 19..31 are zero.
inline constexpr unsigned kConstraintVars = 5;
inline constexpr std::size_t kPaddedConstraints = std::size_t{1} << kConstraintVars;

const std::array<Constraint, kNumConstraints>& constraints();

// Values over the integers (exact: every input fits in 65 bits, coefficients are small).
i128 evaluate(const Affine& a, const R1csInputs& z);
// Values over the field, with z given as one field element per input (e.g. opening claims).
Fr evaluate(const Affine& a, std::span<const Fr> z);

// Az and Bz of one constraint on one cycle: A = guard, B = left − right.
inline i128 row_a(const Constraint& c, const R1csInputs& z) { return evaluate(c.guard, z); }
inline i128 row_b(const Constraint& c, const R1csInputs& z) {
  return evaluate(c.left, z) - evaluate(c.right, z);
}

}  // namespace rill::zkvm
