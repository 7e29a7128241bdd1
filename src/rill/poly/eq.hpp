// eq, eq+1 and LT: the structured multilinear weights of Jolt's sumchecks.
//
// Conventions (docs/protocol.md, "Conventions: variables and points"): a point w = (w[0], …,
// w[n−1]) is big-endian, w[0] pairs with the most significant variable. Bit j of a hypercube
// index x is the variable x_j, so w[n−1−j] pairs with x_j, and the table of a polynomial W over n
// variables is W[x] for x = 0 … 2^n − 1.
//
//   eq(w, x)  = Π_i (w_i·x_i + (1 − w_i)(1 − x_i))
//   eq+1(w,x) = the multilinear extension of [x = w + 1] (no wrap-around: x = 0 never matches)
//   LT(x, w)  = the multilinear extension of [x < w]
//
// The tables are built in O(2^n) field operations; the *_eval functions are the O(n) closed
// forms the verifier uses.
#pragma once

#include <span>

#include "rill/field/fr.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// T[x] = scale·eq(w, x) for x in {0,1}^n, n = w.size(). Parallel for large n.
tracked_vector<Fr> eq_table(std::span<const Fr> w, const Fr& scale = Fr::one());

// eq(a, b) for two points of the same length.
Fr eq_eval(std::span<const Fr> a, std::span<const Fr> b);

// T[x] = eq+1(w, x) = eq(w, x − 1) for x >= 1, and T[0] = 0.
tracked_vector<Fr> eq_plus_one_table(std::span<const Fr> w);

// eq+1(w, x) at field points: Σ_k [bits below k: w = 1, x = 0]·[bit k: w = 0, x = 1]·
// eq(higher bits), with k running over the carry position of w + 1.
Fr eq_plus_one_eval(std::span<const Fr> w, std::span<const Fr> x);

// T[x] = LT(x, w) = Σ_{y > x} eq(w, y) for x in {0,1}^n.
tracked_vector<Fr> lt_table(std::span<const Fr> w);

// LT(x, w) = Σ_k (1 − x_k)·w_k·eq(x_{<k}, w_{<k}), k big-endian (the first differing bit).
Fr lt_eval(std::span<const Fr> x, std::span<const Fr> w);

}  // namespace rill
