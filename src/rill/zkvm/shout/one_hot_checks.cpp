#include "rill/zkvm/shout/one_hot_checks.hpp"

#include "rill/poly/eq.hpp"
#include "rill/util/check.hpp"

namespace rill::zkvm::shout {

namespace {

void check_shape(const DenseRa& ra, std::span<const Fr> r_a, std::span<const Fr> r_c) {
  RILL_CHECK_EQ(ra.values.size(), ra.num_addresses() * ra.num_cycles(), "K·T values");
  RILL_CHECK_EQ(r_a.size(), std::size_t{ra.log_k}, "one address coordinate per address bit");
  RILL_CHECK_EQ(r_c.size(), std::size_t{ra.log_t}, "one cycle coordinate per cycle bit");
}

unsigned log2_of_size(std::size_t n) {
  RILL_CHECK(n >= 1 && (n & (n - 1)) == 0, "a power-of-two number of cycles");
  unsigned log = 0;
  while ((std::size_t{1} << log) < n) ++log;
  return log;
}

}  // namespace

DenseRa dense_ra_from_indices(unsigned log_k, std::span<const std::optional<u32>> indices) {
  DenseRa ra;
  ra.log_k = log_k;
  ra.log_t = log2_of_size(indices.size());
  ra.values.assign(ra.num_addresses() * ra.num_cycles(), Fr::zero());
  for (std::size_t j = 0; j < indices.size(); ++j) {
    if (!indices[j]) continue;
    RILL_CHECK(*indices[j] < ra.num_addresses(), "index inside the chunk");
    ra.at(*indices[j], j) = Fr::one();
  }
  return ra;
}

Fr dense_ra_mle(const DenseRa& ra, std::span<const Fr> r_a, std::span<const Fr> r_c) {
  check_shape(ra, r_a, r_c);
  const auto ea = eq_table(r_a);
  const auto ec = eq_table(r_c);
  Fr sum = Fr::zero();
  for (std::size_t k = 0; k < ra.num_addresses(); ++k) {
    for (std::size_t j = 0; j < ra.num_cycles(); ++j) sum = sum + ea[k] * ec[j] * ra.at(k, j);
  }
  return sum;
}

Fr one_hot_ra_mle(unsigned log_k, std::span<const std::optional<u32>> indices,
                  std::span<const Fr> r_a, std::span<const Fr> r_c) {
  RILL_CHECK_EQ(r_a.size(), std::size_t{log_k}, "one address coordinate per address bit");
  RILL_CHECK_EQ(std::size_t{1} << r_c.size(), indices.size(), "one cycle per index");
  const auto ea = eq_table(r_a);
  const auto ec = eq_table(r_c);
  Fr sum = Fr::zero();
  for (std::size_t j = 0; j < indices.size(); ++j) {
    if (indices[j]) sum = sum + ec[j] * ea[*indices[j]];
  }
  return sum;
}

Fr booleanity_sum(std::span<const DenseRa> ra, std::span<const Fr> r_a, std::span<const Fr> r_c,
                  const Fr& gamma) {
  const Fr gamma2 = gamma * gamma;
  Fr weight = Fr::one();  // γ^{2i}
  Fr total = Fr::zero();
  for (const DenseRa& m : ra) {
    check_shape(m, r_a, r_c);
    const auto ea = eq_table(r_a);
    const auto ec = eq_table(r_c);
    Fr sum = Fr::zero();
    for (std::size_t k = 0; k < m.num_addresses(); ++k) {
      for (std::size_t j = 0; j < m.num_cycles(); ++j) {
        const Fr& v = m.at(k, j);
        sum = sum + ea[k] * ec[j] * (v * v - v);
      }
    }
    total = total + weight * sum;
    weight = weight * gamma2;
  }
  return total;
}

Fr booleanity_final_value(std::span<const Fr> r_a, std::span<const Fr> r_c,
                          std::span<const Fr> rho_a, std::span<const Fr> rho_c,
                          std::span<const Fr> claims, const Fr& gamma) {
  const Fr gamma2 = gamma * gamma;
  Fr weight = Fr::one();
  Fr sum = Fr::zero();
  for (const Fr& v : claims) {
    sum = sum + weight * (v * v - v);
    weight = weight * gamma2;
  }
  return eq_eval(r_a, rho_a) * eq_eval(r_c, rho_c) * sum;
}

Fr ram_hamming_booleanity_sum(const DenseRa& ra, std::span<const Fr> r) {
  RILL_CHECK_EQ(r.size(), std::size_t{ra.log_t}, "one cycle coordinate per cycle bit");
  const auto ec = eq_table(r);
  Fr sum = Fr::zero();
  for (std::size_t j = 0; j < ra.num_cycles(); ++j) {
    Fr h = Fr::zero();
    for (std::size_t k = 0; k < ra.num_addresses(); ++k) h = h + ra.at(k, j);
    sum = sum + ec[j] * (h * h - h);
  }
  return sum;
}

std::vector<Fr> dense_hamming_g(const DenseRa& ra, std::span<const Fr> r_c) {
  RILL_CHECK_EQ(r_c.size(), std::size_t{ra.log_t}, "one cycle coordinate per cycle bit");
  const auto ec = eq_table(r_c);
  std::vector<Fr> g(ra.num_addresses(), Fr::zero());
  for (std::size_t k = 0; k < ra.num_addresses(); ++k) {
    for (std::size_t j = 0; j < ra.num_cycles(); ++j) g[k] = g[k] + ec[j] * ra.at(k, j);
  }
  return g;
}

std::vector<Fr> one_hot_hamming_g(unsigned log_k, std::span<const std::optional<u32>> indices,
                                  std::span<const Fr> r_c) {
  RILL_CHECK_EQ(std::size_t{1} << r_c.size(), indices.size(), "one cycle per index");
  const auto ec = eq_table(r_c);
  std::vector<Fr> g(std::size_t{1} << log_k, Fr::zero());
  for (std::size_t j = 0; j < indices.size(); ++j) {
    if (indices[j]) g[*indices[j]] = g[*indices[j]] + ec[j];
  }
  return g;
}

Fr hamming_reduction_input(std::span<const Fr> activation, std::span<const Fr> booleanity_claims,
                           std::span<const Fr> virtualization_claims, const Fr& gamma) {
  RILL_CHECK(activation.size() == booleanity_claims.size() &&
                 activation.size() == virtualization_claims.size(),
             "three claims per chunk");
  Fr weight = Fr::one();  // γ^{3i}
  Fr sum = Fr::zero();
  for (std::size_t i = 0; i < activation.size(); ++i) {
    sum = sum + weight * (activation[i] +
                          gamma * (booleanity_claims[i] + gamma * virtualization_claims[i]));
    weight = weight * gamma * gamma * gamma;
  }
  return sum;
}

std::vector<Fr> hamming_reduction_weights(std::span<const Fr> r_bool, std::span<const Fr> r_virt,
                                          std::size_t chunk, const Fr& gamma) {
  RILL_CHECK_EQ(r_bool.size(), r_virt.size(), "both points over the chunk's address bits");
  Fr base = Fr::one();
  for (std::size_t i = 0; i < chunk; ++i) base = base * gamma * gamma * gamma;
  const auto eb = eq_table(r_bool, base * gamma);
  const auto ev = eq_table(r_virt, base * gamma * gamma);
  std::vector<Fr> w(eb.size());
  for (std::size_t k = 0; k < w.size(); ++k) w[k] = base + eb[k] + ev[k];
  return w;
}

Fr hamming_reduction_sum(std::span<const std::vector<Fr>> g, std::span<const Fr> r_bool,
                         std::span<const std::vector<Fr>> r_virt, const Fr& gamma) {
  RILL_CHECK_EQ(g.size(), r_virt.size(), "one virtualization point per chunk");
  Fr sum = Fr::zero();
  for (std::size_t i = 0; i < g.size(); ++i) {
    const std::vector<Fr> w = hamming_reduction_weights(r_bool, r_virt[i], i, gamma);
    RILL_CHECK_EQ(w.size(), g[i].size(), "G over the chunk's addresses");
    for (std::size_t k = 0; k < w.size(); ++k) sum = sum + g[i][k] * w[k];
  }
  return sum;
}

Fr hamming_reduction_final_value(std::span<const Fr> ra_claims, std::span<const Fr> r_bool,
                                 std::span<const std::vector<Fr>> r_virt, std::span<const Fr> rho,
                                 const Fr& gamma) {
  RILL_CHECK_EQ(ra_claims.size(), r_virt.size(), "one virtualization point per chunk");
  const Fr eq_bool = eq_eval(r_bool, rho);
  Fr weight = Fr::one();
  Fr sum = Fr::zero();
  for (std::size_t i = 0; i < ra_claims.size(); ++i) {
    sum = sum +
          ra_claims[i] * weight * (Fr::one() + gamma * (eq_bool + gamma * eq_eval(r_virt[i], rho)));
    weight = weight * gamma * gamma * gamma;
  }
  return sum;
}

}  // namespace rill::zkvm::shout
