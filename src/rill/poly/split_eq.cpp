#include "rill/poly/split_eq.hpp"

#include "rill/poly/eq.hpp"
#include "rill/util/check.hpp"

namespace rill {

namespace {

// eq table over coordinates listed lowest variable first (eq_table takes them big-endian).
std::vector<Fr> table_low_first(std::span<const Fr> low_first) {
  const std::vector<Fr> big_endian(low_first.rbegin(), low_first.rend());
  const tracked_vector<Fr> t = eq_table(big_endian);
  return std::vector<Fr>(t.begin(), t.end());
}

}  // namespace

SplitEq::SplitEq(std::span<const Fr> w, const Fr& scale)
    : low_first_(w.rbegin(), w.rend()), scale_(scale) {
  build_halves();
}

void SplitEq::bind(const Fr& r) {
  RILL_CHECK(!low_first_.empty(), "no variable left to bind");
  const Fr& u = low_first_[0];
  scale_ *= (Fr::one() - u) * (Fr::one() - r) + u * r;
  low_first_.erase(low_first_.begin());
  build_halves();
}

void SplitEq::build_halves() {
  if (low_first_.empty()) {
    lo_bits_ = 0;
    lo_ = hi_ = {Fr::one()};
    return;
  }
  const std::span<const Fr> rest = std::span<const Fr>(low_first_).subspan(1);
  lo_bits_ = static_cast<unsigned>((rest.size() + 1) / 2);
  lo_ = table_low_first(rest.first(lo_bits_));
  hi_ = table_low_first(rest.subspan(lo_bits_));
}

}  // namespace rill
