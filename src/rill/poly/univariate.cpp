#include "rill/poly/univariate.hpp"

#include "rill/util/check.hpp"

namespace rill {

namespace {

// 1/k! for k = 0..m, from one inversion of m!.
std::vector<Fr> inverse_factorials(std::size_t m) {
  std::vector<Fr> fact(m + 1, Fr::one());
  for (std::size_t k = 1; k <= m; ++k) fact[k] = fact[k - 1] * Fr::from_u64(k);
  std::vector<Fr> inv(m + 1);
  inv[m] = fact[m].inverse();
  for (std::size_t k = m; k > 0; --k) inv[k - 1] = inv[k] * Fr::from_u64(k);
  return inv;
}

}  // namespace

UniPoly UniPoly::from_evals(std::span<const Fr> evals) {
  RILL_CHECK(!evals.empty(), "interpolation needs at least one value");
  const std::size_t d = evals.size() - 1;
  // Newton's forward-difference form on the nodes 0..d:
  //   p(x) = Σ_k Δ^k p(0) / k! · x(x−1)…(x−k+1).
  std::vector<Fr> diff(evals.begin(), evals.end());
  std::vector<Fr> leading(d + 1);  // Δ^k p(0)
  for (std::size_t k = 0; k <= d; ++k) {
    leading[k] = diff[0];
    for (std::size_t i = 0; i + k < d; ++i) diff[i] = diff[i + 1] - diff[i];
  }
  const std::vector<Fr> inv_fact = inverse_factorials(d);
  std::vector<Fr> coeffs(d + 1);
  std::vector<Fr> falling = {Fr::one()};  // coefficients of x(x−1)…(x−k+1)
  for (std::size_t k = 0; k <= d; ++k) {
    const Fr scale = leading[k] * inv_fact[k];
    for (std::size_t j = 0; j < falling.size(); ++j) coeffs[j] += scale * falling[j];
    if (k == d) break;
    // falling *= (x − k)
    const Fr node = Fr::from_u64(k);
    falling.push_back(Fr::zero());
    for (std::size_t j = falling.size() - 1; j > 0; --j)
      falling[j] = falling[j - 1] - node * falling[j];
    falling[0] = -(node * falling[0]);
  }
  return UniPoly(std::move(coeffs));
}

Fr UniPoly::evaluate(const Fr& x) const {
  Fr acc = Fr::zero();
  for (std::size_t i = coeffs_.size(); i-- > 0;) acc = acc * x + coeffs_[i];
  return acc;
}

Fr UniPoly::sum_over_boolean() const {
  Fr sum = Fr::zero();
  for (const Fr& c : coeffs_) sum += c;
  return coeffs_.empty() ? sum : sum + coeffs_[0];
}

void UniPoly::add_scaled(const Fr& scale, const UniPoly& other) {
  if (other.coeffs_.size() > coeffs_.size()) coeffs_.resize(other.coeffs_.size(), Fr::zero());
  for (std::size_t i = 0; i < other.coeffs_.size(); ++i) coeffs_[i] += scale * other.coeffs_[i];
}

CompressedUniPoly UniPoly::compress() const {
  RILL_CHECK(coeffs_.size() >= 2, "only polynomials of degree >= 1 are compressed");
  std::vector<Fr> out;
  out.reserve(coeffs_.size() - 1);
  out.push_back(coeffs_[0]);
  out.insert(out.end(), coeffs_.begin() + 2, coeffs_.end());
  return CompressedUniPoly(std::move(out));
}

UniPoly CompressedUniPoly::decompress(const Fr& claim) const {
  RILL_CHECK(!coeffs_.empty(), "a compressed polynomial has degree >= 1");
  // claim = h(0) + h(1) = 2·c0 + c1 + Σ_{k>=2} c_k.
  Fr linear = claim - coeffs_[0] - coeffs_[0];
  for (std::size_t k = 1; k < coeffs_.size(); ++k) linear -= coeffs_[k];
  std::vector<Fr> full;
  full.reserve(coeffs_.size() + 1);
  full.push_back(coeffs_[0]);
  full.push_back(linear);
  full.insert(full.end(), coeffs_.begin() + 1, coeffs_.end());
  return UniPoly(std::move(full));
}

std::vector<Fr> lagrange_basis_at(std::size_t degree, const Fr& r) {
  const std::size_t m = degree;
  // Numerators Π_{j≠k} (r − j) from prefix and suffix products of (r − j).
  std::vector<Fr> prefix(m + 2, Fr::one()), suffix(m + 2, Fr::one());
  for (std::size_t j = 0; j <= m; ++j) prefix[j + 1] = prefix[j] * (r - Fr::from_u64(j));
  for (std::size_t j = m + 1; j-- > 0;) suffix[j] = suffix[j + 1] * (r - Fr::from_u64(j));
  // Denominators Π_{j≠k} (k − j) = k!·(m−k)!·(−1)^{m−k}.
  const std::vector<Fr> inv_fact = inverse_factorials(m);
  std::vector<Fr> basis(m + 1);
  for (std::size_t k = 0; k <= m; ++k) {
    Fr v = prefix[k] * suffix[k + 1] * inv_fact[k] * inv_fact[m - k];
    basis[k] = ((m - k) % 2 == 0) ? v : -v;
  }
  return basis;
}

}  // namespace rill
