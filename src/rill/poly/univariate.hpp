// Univariate polynomials over Fr: the round messages of sumcheck.
//
// A round polynomial h of degree d is built from its values at the integer nodes 0, 1, …, d and
// sent compressed: every coefficient except the linear one. The verifier knows the running claim
// c = h(0) + h(1) = 2·c0 + c1 + c2 + … + cd, so c1 = c − 2·c0 − (c2 + … + cd).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"

namespace rill {

class CompressedUniPoly;

class UniPoly {
 public:
  UniPoly() = default;
  // Coefficients, constant term first. The length fixes the declared degree (trailing zeros are
  // kept: round polynomials are serialized at their declared degree).
  explicit UniPoly(std::vector<Fr> coeffs) : coeffs_(std::move(coeffs)) {}

  // The unique polynomial of degree <= evals.size() − 1 with p(i) = evals[i] for i = 0, 1, ….
  static UniPoly from_evals(std::span<const Fr> evals);

  // Declared degree: number of coefficients minus one (0 for the empty polynomial).
  std::size_t degree() const { return coeffs_.empty() ? 0 : coeffs_.size() - 1; }
  const std::vector<Fr>& coeffs() const { return coeffs_; }

  Fr evaluate(const Fr& x) const;
  // h(0) + h(1).
  Fr sum_over_boolean() const;

  // this += scale · other; the result has the larger of the two declared degrees.
  void add_scaled(const Fr& scale, const UniPoly& other);

  CompressedUniPoly compress() const;

  bool operator==(const UniPoly&) const = default;

 private:
  std::vector<Fr> coeffs_;
};

// [c0, c2, c3, …, cd]: a degree-d polynomial (d >= 1) without its linear coefficient.
class CompressedUniPoly {
 public:
  CompressedUniPoly() = default;
  explicit CompressedUniPoly(std::vector<Fr> coeffs_except_linear)
      : coeffs_(std::move(coeffs_except_linear)) {}

  // Declared degree d (the number of stored coefficients).
  std::size_t degree() const { return coeffs_.size(); }
  const std::vector<Fr>& coeffs_except_linear() const { return coeffs_; }
  std::vector<Fr>& mutable_coeffs() { return coeffs_; }

  // Recovers the full polynomial from the claim h(0) + h(1) it must satisfy.
  UniPoly decompress(const Fr& claim) const;

  bool operator==(const CompressedUniPoly&) const = default;

 private:
  std::vector<Fr> coeffs_;
};

// The Lagrange basis of the nodes 0, 1, …, degree evaluated at r: L_k(r) = Π_{j≠k} (r − j)/(k − j).
// Then p(r) = Σ_k L_k(r)·p(k) for every p of degree <= `degree`.
std::vector<Fr> lagrange_basis_at(std::size_t degree, const Fr& r);

}  // namespace rill
